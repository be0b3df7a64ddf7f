// Customers' sending reputation (GET /api/reputation): bounce and complaint rates from the recorded SES events,
// judged by the server against the configured thresholds and SES's own verdict. Nothing is judged here.
import { el, clear } from './dom.js';

const percent = (rate) => `${(rate * 100).toFixed(2)}%`;
const WORDS = { atRisk: 'at risk', warning: 'warning' };

/** "1.20% bounces, 0.00% complaints over the last 7 days (250 sends)". */
export function ratesText(w) {
  return `${percent(w.bounceRate)} bounces, ${percent(w.complaintRate)} complaints over ${w.name} (${w.sent} ${w.sent === 1 ? 'send' : 'sends'})`;
}

/** The dashboard's list: one item per customer whose status is not healthy, worst first, with the reason and a link to its changes with undelivered notices. */
export function fillAtRisk(list, items, customers) {
  const names = new Map((customers || []).map((c) => [c.code, c.name]));
  const shown = items.filter((r) => r.status !== 'healthy').sort((a, b) => (a.status === 'atRisk' ? 0 : 1) - (b.status === 'atRisk' ? 0 : 1));
  if (!shown.length) {
    clear(list, el('li', { class: 'empty' }, 'No customer\u2019s bounce or complaint rate is near SES\u2019s limits.'));
    return;
  }
  clear(list, shown.map((r) => el('li', { testid: `at-risk-${r.customerCode}`, dataset: { customer: r.customerCode, status: r.status } },
    el('span', { class: 'title' }, el('strong', {}, names.get(r.customerCode) || r.customerCode), ' ', el('span', { class: 'mono' }, `(${r.customerCode})`)),
    el('span', { class: `badge badge-${r.status === 'atRisk' ? 'at-risk' : 'warning'}` }, WORDS[r.status] || r.status),
    el('span', { class: 'reason', style: 'flex-basis:100%', testid: `at-risk-reason-${r.customerCode}` }, r.reason || ''),
    el('span', { class: 'muted small', style: 'flex-basis:100%' }, ratesText(r.recent), r.sesEnforcementStatus ? ` · SES: ${r.sesEnforcementStatus}` : ''),
    el('a', { href: `search.html?customer=${encodeURIComponent(r.customerCode)}&undelivered=true`, class: 'small' }, 'Changes with undelivered notices'))));
}
