// The warnings of a save, a check, a submit or an approve (API `warnings`: {code, field, message, changeId,
// customerCode}): overlapping changes for the same customer, a window longer than the configured maximum.
// They never stop the write; they are shown where the person acted, each overlap with a link to the other change.
import { el, clear, detailHref, plural } from './dom.js';

const HANDOFF = 'changemgmt.warnings.';

function warningItem(w) {
  return el('li', { testid: 'change-warning', dataset: { code: w.code || '', customer: w.customerCode || '' } },
    w.message || w.code,
    w.changeId ? [' ', el('a', { href: detailHref(w.changeId) }, `Open ${w.changeId}`)] : null);
}

/** Fills `box` with the warnings (hidden when there are none). */
export function renderWarnings(box, warnings = []) {
  box.hidden = !warnings.length;
  if (!warnings.length) { clear(box); return; }
  clear(box, el('p', { class: 'warnings-head' }, `${plural(warnings.length, 'warning')}: worth a look, but nothing stops you.`),
    el('ul', {}, warnings.map(warningItem)));
}

/** Keeps a write's warnings for the page the person goes to next (the form's Submit opens the detail page). */
export function handOffWarnings(changeId, warnings = []) {
  try {
    if (warnings.length) sessionStorage.setItem(HANDOFF + changeId, JSON.stringify(warnings));
  } catch { /* storage unavailable: the warnings are not repeated there */ }
}

/** The warnings handed off for this change, once. */
export function takeWarnings(changeId) {
  try {
    const raw = sessionStorage.getItem(HANDOFF + changeId);
    sessionStorage.removeItem(HANDOFF + changeId);
    return raw ? JSON.parse(raw) : [];
  } catch {
    return [];
  }
}
