// The change's timeline from its `modifications`: who did what and when, with what came with it — the
// approver's comment, the reason (a cancellation, an override), the rules set aside (backdated, early,
// self-approval) and the material fields of an edit that needed approval again.
import { el, clear } from './dom.js';
import { formatDateTime } from './time.js';
import { PROP_LABELS } from './change-fields.js';

const OVERRIDES = { backdated: 'backdated (window already ended)', early: 'completed early (before the window)', self_approval: 'self-approval' };
const labels = (fields) => fields.map((f) => PROP_LABELS[f] || f).join(', ');

function notes(m) {
  return [
    m.comment ? el('blockquote', { class: 'timeline-comment', testid: 'timeline-comment' }, m.comment) : null,
    m.reason ? el('p', { class: 'timeline-note', testid: 'timeline-reason' }, 'Reason: ', m.reason) : null,
    m.overrides?.length ? el('p', { class: 'timeline-note', testid: 'timeline-overrides' }, 'Override: ', m.overrides.map((o) => OVERRIDES[o] || o).join(', ')) : null,
    m.reapproval ? el('p', { class: 'timeline-note', testid: 'timeline-reapproval' }, `Needs approval again: ${labels(m.material_fields || [])} changed.`)
      : (m.material_fields?.length ? el('p', { class: 'timeline-note' }, `Changed: ${labels(m.material_fields)}.`) : null),
  ];
}

/** Newest first. */
export function renderTimeline(ol, modifications = []) {
  const mods = [...modifications].sort((a, b) => Date.parse(b.timestamp) - Date.parse(a.timestamp));
  if (!mods.length) { clear(ol, el('li', { class: 'muted' }, 'No recorded modifications.')); return; }
  clear(ol, mods.map((m) => el('li', { dataset: { type: m.modification_type || '' } },
    el('span', { class: 'type' }, (m.modification_type || 'modified').replace(/_/g, ' ')),
    ' by ', el('strong', {}, m.user_id || 'unknown'),
    m.version ? el('span', { class: 'muted' }, ` · version ${m.version}`) : null,
    el('div', { class: 'muted small' }, el('time', { datetime: m.timestamp }, formatDateTime(m.timestamp))),
    notes(m))));
}

/** For a rejected change: who sent it back and why, for its author; else null. */
export function rejectionNote(change) {
  if (change.status !== 'rejected') return null;
  const last = [...(change.modifications || [])].reverse().find((m) => m.modification_type === 'rejected');
  return el('div', { class: 'status', dataset: { kind: 'warning' }, testid: 'rejection-note' },
    el('strong', {}, `Rejected${last ? ` by ${last.user_id || 'an approver'}` : ''}`),
    last?.comment ? [': ', el('q', {}, last.comment)] : '.',
    ' Edit the change and submit it again.');
}
