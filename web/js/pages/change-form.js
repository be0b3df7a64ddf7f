import { markCurrentNav } from '../layout.js';
import {
  get, post, put, changePath, ifMatch, versionFromEtag, getCustomers, uuid, describeError, ApiError,
} from '../api.js';
import { el, byTestId, clear, setStatus, params, busy, detailHref, plural } from '../dom.js';
import { browserZone, zones, isValidZone, localInputToIso, isoToLocalInput, offsetMinutes, formatDateTime } from '../time.js';
import { TEXT_FIELDS } from '../change-fields.js';
import { validate, mapServerErrors } from '../change-rules.js';
import { createSaveCheck } from '../save-check.js';
import { performAction } from '../change-actions.js';
import { handOffWarnings } from '../warnings.js';
import { createCustomerPicker, mountCustomerFieldset } from '../customer-picker.js';
import { createDrafts } from '../drafts.js';
import { createPreview, mountPreview } from '../change-preview.js';

const $ = (id) => document.getElementById(id);
const form = $('change-form');
const statusBox = $('form-status');
const tzInput = $('f-timezone');
const startInput = $('f-start');
const endInput = $('f-end');
const saveButton = $('save-draft');
const submitButton = $('submit');

/** What the page is editing. */
const state = {
  id: params().get('id') || null,
  version: undefined, // the server version our edits are based on (If-Match)
  server: null, // the change as last loaded/saved
  status: 'draft',
  idempotencyKey: uuid(),
  lastSaved: null, // JSON of the payload last written to the server
  restoring: false,
};

const unsaved = () => state.lastSaved !== JSON.stringify(toPayload());
// What saving would do (POST /api/changes/check, read-only) and its warnings, kept current while editing.
const saveCheck = createSaveCheck({ outcome: $('save-outcome'), warnings: $('form-warnings'), body: () => toPayload(), changed: unsaved });
const drafts = createDrafts({ note: $('local-note'), discard: $('discard-local'), id: () => state.id });
const preview = createPreview({
  ...mountPreview($('preview-card'), 'See the notifications a customer\'s subscribers will get for this change, as it is in the form now.'), body: () => toPayload(),
});
const picker = createCustomerPicker({
  ...mountCustomerFieldset($('customers-card'), 'Affected customers'),
  onSelect: () => onEdit(), onCount: () => preview.offer(picker.customers(), picker.selected()),
});

// ---------------------------------------------------------------- multi-line fields

/** label + textarea + error for each multi-line field (data-testid field-<key>, error-<key>). */
function renderTextAreas() {
  clear($('detail-fields'), TEXT_FIELDS.filter((f) => f.rows).map((f) => el('div', { class: f.wide ? 'field field-wide' : 'field' },
    el('label', { for: `f-${f.key}` }, f.formLabel || f.label, f.required ? el('span', { class: 'req', 'aria-hidden': 'true' }, '*') : null),
    el('textarea', { id: `f-${f.key}`, name: f.key, testid: `field-${f.key}`, rows: String(f.rows), maxlength: String(f.maxLength), 'aria-describedby': `e-${f.key}`, 'aria-required': f.required ? 'true' : null }),
    el('p', { class: 'error', id: `e-${f.key}`, testid: `error-${f.key}` }))));
}
renderTextAreas();

/** "12 / 200": the title's limit in sight while typing; over it, the text is kept and saving refused. */
function updateTitleCount() {
  const { limit } = TEXT_FIELDS.find((f) => f.key === 'title');
  const length = $('f-title').value.length;
  const counter = $('title-count');
  counter.textContent = length > limit ? `${length} / ${limit} characters: ${length - limit} over the limit` : `${length} / ${limit} characters`;
  counter.classList.toggle('over', length > limit);
}

// ---------------------------------------------------------------- form values

function readForm() {
  const v = {};
  for (const f of TEXT_FIELDS) v[f.key] = $(`f-${f.key}`).value;
  v.customers = picker.selected();
  v.timezone = tzInput.value.trim();
  v.start = startInput.value;
  v.end = endInput.value;
  return v;
}

function writeForm(v) {
  for (const f of TEXT_FIELDS) $(`f-${f.key}`).value = v[f.key] ?? '';
  picker.select(v.customers);
  tzInput.value = v.timezone || '';
  startInput.value = v.start || '';
  endInput.value = v.end || '';
  updateZoneHint();
  updateTitleCount();
}

function changeToValues(change) {
  const v = {};
  for (const f of TEXT_FIELDS) v[f.key] = change[f.prop] ?? '';
  v.customers = change.customers || [];
  v.timezone = change.timezone || '';
  v.start = isoToLocalInput(change.implementationStart, v.timezone);
  v.end = isoToLocalInput(change.implementationEnd, v.timezone);
  return v;
}

/** The API body for the form's current values. */
function toPayload(v = readForm()) {
  const body = {};
  if (state.id) body.changeId = state.id;
  for (const f of TEXT_FIELDS) body[f.prop] = v[f.key].trim() === '' ? null : v[f.key];
  body.customers = v.customers;
  body.timezone = v.timezone || null;
  const zoneOk = isValidZone(v.timezone);
  body.implementationStart = v.start && zoneOk ? localInputToIso(v.start, v.timezone) : null;
  body.implementationEnd = v.end && zoneOk ? localInputToIso(v.end, v.timezone) : null;
  return body;
}

// ---------------------------------------------------------------- local draft (this tab)

function saveLocal() {
  if (state.restoring) return;
  drafts.save({ values: readForm(), baseVersion: state.version, idempotencyKey: state.idempotencyKey });
}

function onEdit() {
  saveLocal();
  saveCheck.refresh();
}

// ---------------------------------------------------------------- errors

const errorBox = (key) => $(`e-${key}`);
const fieldFor = (key) => (key === 'customers' ? picker.firstField() : $(`f-${key}`));

function clearErrors() {
  for (const node of form.querySelectorAll('.error')) node.textContent = '';
  for (const node of form.querySelectorAll('[aria-invalid]')) node.removeAttribute('aria-invalid');
}

function showError(key, message) {
  const box = errorBox(key);
  if (!box) return false;
  box.textContent = box.textContent ? `${box.textContent} ${message}` : message;
  const input = key === 'customers' ? null : $(`f-${key}`);
  if (input) input.setAttribute('aria-invalid', 'true');
  return true;
}

/** Shows {key: message} errors; returns how many were placed next to fields. */
function showErrors(errors) {
  clearErrors();
  const unplaced = [];
  for (const [key, message] of Object.entries(errors)) if (!showError(key, message)) unplaced.push(message);
  const keys = Object.keys(errors).filter((k) => errorBox(k));
  if (keys.length) {
    const order = ['title', 'snow', 'jira', 'customers', 'timezone', 'start', 'end', ...TEXT_FIELDS.map((f) => f.key)];
    const first = order.find((k) => keys.includes(k));
    const target = fieldFor(first);
    if (target) target.focus();
  }
  return { placed: keys.length, unplaced };
}

// ---------------------------------------------------------------- server save

function applyServerChange(change, etag) {
  state.server = change;
  state.id = change.changeId;
  state.version = versionFromEtag(etag) ?? change.version;
  state.status = change.status || 'draft';
  renderMeta();
}

function renderMeta() {
  const editing = Boolean(state.id);
  markCurrentNav(editing ? null : 'change'); // editing a change is not "New change"
  $('form-heading').textContent = editing ? `Edit ${state.id}` : 'New change';
  document.title = `${editing ? `Edit ${state.id}` : 'New change'} · ChangeMgmt`;
  const pill = byTestId('form-version');
  pill.hidden = !editing;
  pill.textContent = editing ? `Version ${state.version} · ${state.status}` : '';
  const view = $('view-link');
  view.hidden = !editing;
  if (editing) view.href = detailHref(state.id);
  const isDraft = state.status === 'draft';
  // A rejected change is its author's again: edited and submitted anew.
  submitButton.hidden = !isDraft && state.status !== 'rejected';
  submitButton.textContent = state.status === 'rejected' ? 'Submit again' : 'Submit for approval';
  saveButton.textContent = isDraft ? 'Save draft' : 'Save changes';
}

/**
 * Writes the form to the server: POST when new (with the session's Idempotency-Key),
 * PUT with If-Match when editing. Skips the write when nothing changed since the last save.
 */
async function saveToServer() {
  const body = toPayload();
  const snapshot = JSON.stringify(body);
  if (state.id && snapshot === state.lastSaved) return { changed: false };
  const oldKey = drafts.key();
  let res;
  if (!state.id) {
    res = await post('/api/changes', body, { headers: { 'Idempotency-Key': state.idempotencyKey } });
    applyServerChange(res.data.change || res.data, res.etag);
    history.replaceState(null, '', `change.html?id=${encodeURIComponent(state.id)}`);
  } else {
    res = await put(changePath(state.id), body, { headers: ifMatch(state.version) });
    applyServerChange(res.data.change || res.data, res.etag);
  }
  state.lastSaved = JSON.stringify(toPayload());
  drafts.clear(oldKey);
  drafts.clear();
  saveCheck.showWarnings(res.data.warnings || []);
  saveCheck.refresh();
  return { changed: true, triggers: res.data.triggers || [] };
}

function conflictActions(err) {
  if (!(err instanceof ApiError) || err.status !== 412) return;
  const reload = el('button', {
    type: 'button', class: 'btn btn-small', testid: 'reload-latest',
    on: { click: () => { drafts.clear(); location.reload(); } },
  }, 'Reload the latest version');
  const note = el('span', {}, ' Your text stays in the form until you reload; copy anything you want to keep.');
  statusBox.append(' ', reload, note);
}

function reportFailure(err, action) {
  if (err instanceof ApiError && err.status === 400 && Object.keys(err.errors).length) {
    const { placed, unplaced } = showErrors(mapServerErrors(err.errors));
    const parts = [];
    if (placed) parts.push(`The server did not accept ${placed === 1 ? 'one field' : `${placed} fields`}; see the messages next to ${placed === 1 ? 'it' : 'them'}.`);
    if (unplaced.length) parts.push(unplaced.join(' '));
    setStatus(statusBox, parts.join(' '), 'error');
    return;
  }
  setStatus(statusBox, describeError(err, action), 'error');
  conflictActions(err);
}

async function onSaveDraft() {
  const v = readForm();
  const errors = validate(v, false);
  if (Object.keys(errors).length) {
    showErrors(errors);
    setStatus(statusBox, 'Fix the fields marked before saving.', 'error');
    return;
  }
  clearErrors();
  setStatus(statusBox, 'Saving…', 'busy');
  const before = state.status;
  await busy(saveButton, async () => {
    try {
      const { changed, triggers } = await saveToServer();
      const notified = (triggers || []).filter((t) => t.written).length;
      const again = before === 'approved' && state.status === 'submitted' ? ' It needs approval again: it is submitted.' : '';
      setStatus(statusBox, changed
        ? `Saved ${state.id} as version ${state.version}.${again}${notified ? ` ${plural(notified, 'customer')} will be notified of the update.` : ''}`
        : `No changes since version ${state.version}; nothing to save.`, 'success');
    } catch (err) {
      reportFailure(err, 'Saving');
    }
  });
}

async function onSubmit() {
  const v = readForm();
  const errors = validate(v, true);
  if (Object.keys(errors).length) {
    const n = Object.keys(errors).length;
    setStatus(statusBox, `${n === 1 ? 'One field needs' : `${n} fields need`} attention before you can submit.`, 'error');
    showErrors(errors);
    return;
  }
  clearErrors();
  setStatus(statusBox, 'Saving…', 'busy');
  try {
    await busy(submitButton, saveToServer);
  } catch (err) {
    reportFailure(err, 'Saving');
    return;
  }
  try {
    // A window that has ended asks for the backdated flag and a reason first (the dialog returns the focus here).
    const send = (fn) => { setStatus(statusBox, 'Submitting…', 'busy'); return busy(submitButton, fn); };
    const res = await performAction('submit', state.server, state.version, { opener: submitButton, send });
    if (!res) { setStatus(statusBox, `Saved ${state.id} as version ${state.version}; not submitted.`, 'info'); return; }
    drafts.clear();
    handOffWarnings(state.id, res.data.warnings);
    const failed = (res.data.triggers || []).filter((t) => !t.written);
    const target = `${detailHref(state.id)}&submitted=1${failed.length ? `&failed=${failed.length}` : ''}`;
    setStatus(statusBox, `Submitted ${state.id}. Opening it…`, 'success');
    location.assign(target);
  } catch (err) {
    reportFailure(err, 'Submitting');
  }
}

// ---------------------------------------------------------------- time zone

/** The zone defaults to the browser's as soon as a time is picked (it stays explicit and editable). */
function defaultZone() {
  if (tzInput.value.trim() || !(startInput.value || endInput.value)) return;
  tzInput.value = browserZone();
  updateZoneHint();
}

function updateZoneHint() {
  const zone = tzInput.value.trim();
  const hint = $('zone-hint');
  $('use-my-zone').hidden = zone === browserZone();
  if (!isValidZone(zone)) { hint.textContent = zone ? '' : `Times are read in this zone; yours is ${browserZone()}.`; return; }
  const iso = startInput.value ? localInputToIso(startInput.value, zone) : null;
  const at = iso ? Date.parse(iso) : Date.now();
  const off = offsetMinutes(at, zone);
  const sign = off < 0 ? '−' : '+';
  const abs = Math.abs(off);
  const offText = `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  const skipped = [startInput, endInput].filter((input) => input.value
    && isoToLocalInput(localInputToIso(input.value, zone), zone) !== input.value.slice(0, 16));
  hint.textContent = (iso
    ? `${offText} at the start; that is ${formatDateTime(iso)} in your browser's zone (${browserZone()}).`
    : `Currently ${offText}.`)
    + skipped.map((input) => ` ${input === startInput ? 'The start' : 'The end'} falls in the hour the clocks skip; it is saved as ${isoToLocalInput(localInputToIso(input.value, zone), zone).replace('T', ' ')}.`).join('');
}

// ---------------------------------------------------------------- start

async function init() {
  renderMeta();
  const zoneList = $('zone-list');
  zoneList.replaceChildren(...zones().map((z) => el('option', { value: z })));

  let customers = [];
  try {
    customers = await getCustomers();
  } catch (err) {
    setStatus(statusBox, describeError(err, 'Loading customers'), 'error');
  }

  let values = { timezone: '', customers: [] };
  if (state.id) {
    try {
      const res = await get(changePath(state.id));
      applyServerChange(res.data, res.etag);
      values = changeToValues(res.data);
      state.lastSaved = null;
    } catch (err) {
      setStatus(statusBox, describeError(err, `Loading ${state.id}`), 'error');
      form.querySelectorAll('button, input, textarea, select').forEach((n) => { n.disabled = true; });
      picker.render(customers, new Set());
      return;
    }
    if (['completed', 'cancelled'].includes(state.status)) {
      setStatus(statusBox, `${state.id} is ${state.status}; it can no longer be edited.`, 'error');
      form.querySelectorAll('button, input, textarea, select').forEach((n) => { n.disabled = true; });
    }
  }

  let local = drafts.load();
  state.restoring = true;
  picker.render(customers, new Set([...(values.customers || []), ...((local && local.values.customers) || [])]));
  writeForm(values);
  if (state.id) state.lastSaved = JSON.stringify(toPayload());
  if (local && local.values && state.id && JSON.stringify(toPayload(local.values)) === state.lastSaved
      && (!local.baseVersion || local.baseVersion === state.version)) {
    drafts.clear(); // nothing the server does not already have
    local = null;
  }
  if (local && local.values) {
    writeForm(local.values);
    if (local.idempotencyKey && !state.id) state.idempotencyKey = local.idempotencyKey;
    if (state.id && local.baseVersion && local.baseVersion !== state.version) {
      state.version = local.baseVersion; // saving reports the conflict instead of overwriting
      setStatus(statusBox, `Restored your unsaved edits to version ${local.baseVersion}, but the change is now at version ${state.server.version}. Saving will report the conflict; discard your edits to start from the latest.`, 'error');
    } else {
      setStatus(statusBox, `Restored your unsaved edits in this tab from ${new Date(local.savedAt).toLocaleString()}.`, 'info');
    }
    drafts.restored();
    renderMeta();
  }
  state.restoring = false;
  updateZoneHint();
  saveCheck.now();
}

form.addEventListener('submit', (e) => e.preventDefault());
const keptInDraft = (node) => !('noDraft' in node.dataset);
form.addEventListener('input', (e) => {
  if (!keptInDraft(e.target)) return;
  if (e.target.getAttribute('aria-invalid') === 'true' && e.target.value) {
    e.target.removeAttribute('aria-invalid');
    const box = errorBox(e.target.name);
    if (box) box.textContent = '';
  }
  onEdit();
});
form.addEventListener('change', (e) => {
  if (e.target.type === 'checkbox') {
    picker.updateCount();
    if (picker.selected().length) errorBox('customers').textContent = '';
  }
  if ([tzInput, startInput, endInput].includes(e.target)) updateZoneHint();
  if (keptInDraft(e.target)) onEdit();
});
tzInput.addEventListener('input', updateZoneHint);
$('f-title').addEventListener('input', updateTitleCount);
// Focused fields scroll clear of the sticky action bar, however tall its message makes it.
new ResizeObserver(([entry]) => {
  document.documentElement.style.scrollPaddingBottom = `${Math.ceil(entry.borderBoxSize[0].blockSize) + 16}px`;
}).observe(form.querySelector('.form-actions'));
for (const input of [startInput, endInput]) input.addEventListener('input', defaultZone);
$('use-my-zone').textContent = `Use my time zone (${browserZone()})`;
$('use-my-zone').addEventListener('click', () => {
  tzInput.value = browserZone();
  updateZoneHint();
  errorBox('timezone').textContent = '';
  tzInput.removeAttribute('aria-invalid');
  onEdit();
});
saveButton.addEventListener('click', onSaveDraft);
submitButton.addEventListener('click', onSubmit);
window.addEventListener('pagehide', saveLocalIfDirty);

function saveLocalIfDirty() {
  if (!state.restoring && state.lastSaved !== JSON.stringify(toPayload()) && drafts.load()) saveLocal();
}

init();
