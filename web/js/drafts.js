// Unsaved edits of the change form, kept per tab (sessionStorage: two tabs editing one change never restore
// each other's text), one record per change ("new" before its first save), with the note beside Save and
// the button that discards them.
const PREFIX = 'changemgmt.form.';
const store = () => sessionStorage;

/** id(): the change being edited (null while new). */
export function createDrafts({ note, discard, id }) {
  const key = (changeId = id()) => PREFIX + (changeId || 'new');

  function clearDraft(k = key()) {
    try { store().removeItem(k); } catch { /* storage unavailable */ }
    note.textContent = '';
    discard.hidden = true;
  }

  discard.addEventListener('click', () => {
    if (!confirm('Discard the edits kept in this tab?')) return;
    clearDraft();
    location.reload();
  });

  return {
    key,
    clear: clearDraft,
    /** Keeps {values, baseVersion, idempotencyKey} with the time it was kept. */
    save(record) {
      try {
        store().setItem(key(), JSON.stringify({ ...record, savedAt: new Date().toISOString() }));
        note.textContent = `Kept in this tab at ${new Date().toLocaleTimeString()}`;
        discard.hidden = false;
      } catch {
        note.textContent = 'This browser could not keep a copy (storage full or disabled).';
      }
    },
    load(k = key()) {
      try {
        const raw = store().getItem(k);
        return raw ? JSON.parse(raw) : null;
      } catch {
        return null;
      }
    },
    /** Says that the form shows restored edits (which the button can discard). */
    restored() {
      note.textContent = 'Unsaved edits restored from this tab.';
      discard.hidden = false;
    },
  };
}
