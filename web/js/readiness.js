// Customers' readiness (GET /api/customers): whether their SES account will deliver notices, and if not,
// the first failing check and its fix. ready is true, false, or null when it could not be checked.
import { el, clear } from './dom.js';

export const notReady = (c) => c.readiness && c.readiness.ready !== true;

/** "not ready" or "not checked", and the reason as text (the check and what it found). */
export function readinessText(r) {
  const label = r.ready === null ? 'not checked' : 'not ready';
  return { label, reason: [r.check, r.detail].filter(Boolean).join(': ') || (r.ready === null ? 'its SES account could not be read' : '') };
}

/** The change form's mark on a customer not ready: a badge and the reason, both as text (so read with the checkbox's label). */
export function readinessMark(c) {
  const { label, reason } = readinessText(c.readiness);
  return [
    el('span', { class: 'badge badge-not-ready', testid: `readiness-${c.code}` }, label),
    el('span', { class: 'meta readiness-reason', testid: `readiness-reason-${c.code}` }, reason),
  ];
}

/** Fills the dashboard's list: one item per customer not ready, with its failing check, what it found and the fix. */
export function fillNotReady(list, customers) {
  const shown = customers.filter(notReady);
  if (!shown.length) {
    clear(list, el('li', { class: 'empty' }, 'Every customer is ready to receive notices.'));
    return;
  }
  clear(list, shown.map((c) => {
    const r = c.readiness;
    return el('li', { testid: `not-ready-${c.code}`, dataset: { customer: c.code } },
      el('span', { class: 'title' }, el('strong', {}, c.name), ' ', el('span', { class: 'mono' }, `(${c.code})`)),
      el('span', { class: 'badge badge-not-ready' }, readinessText(r).label),
      el('span', { class: 'reason', style: 'flex-basis:100%', testid: `not-ready-reason-${c.code}` },
        r.check ? el('strong', {}, `${r.check}: `) : null, r.detail || readinessText(r).reason),
      r.fix ? el('span', { class: 'fix muted small', style: 'flex-basis:100%', testid: `not-ready-fix-${c.code}` }, `Fix: ${r.fix}`) : null);
  }));
}
