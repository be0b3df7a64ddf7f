// One customer's alternate contact report as the page shows it: the counts in words, each drifting account's
// differences (current against configured), and each failure with its fix. All text goes in as textContent.
import { el, plural } from './dom.js';
import { formatDateTime, relative } from './time.js';

const TYPES = { security: 'Security', billing: 'Billing', operations: 'Operations' };

/** "3 minutes ago" with the date and time beside it, or what stands for a missing check. */
export function checkedAt(iso) {
  if (!iso) return el('span', { class: 'muted' }, 'Not yet');
  return el('time', { datetime: iso, title: formatDateTime(iso) }, relative(iso), el('span', { class: 'ac-absolute' }, formatDateTime(iso)));
}

/** The state of a checked report: its label and badge. */
function checkedState(report) {
  if (report.failed && !report.accounts) return ['Could not check', 'badge-rejected'];
  if (report.drifting) return ['Drift', 'badge-warning'];
  if (report.failed) return ['Some accounts failed', 'badge-warning'];
  return ['All match', 'badge-completed'];
}

/** The state as a short label: not configured, not checked yet, could not check, drift, some accounts failed, all match. */
export function stateLabel(report) {
  if (report.state === 'notConfigured') return el('span', { class: 'badge badge-not-ready', testid: 'ac-state' }, 'Not configured');
  if (report.state === 'notChecked') return el('span', { class: 'badge', testid: 'ac-state' }, 'Not checked yet');
  const [label, badge] = checkedState(report);
  return el('span', { class: `badge ${badge}`, testid: 'ac-state' }, label);
}

/** The counts in one sentence. */
export function summaryText(report) {
  if (report.state === 'notConfigured') return report.notConfigured?.message || 'Not configured.';
  if (report.state === 'notChecked') return 'Not checked yet: the next sweep checks it.';
  return `${plural(report.accounts, 'account')}: ${report.matching} matching config, ${report.drifting} drifting, ${plural(report.failed, 'failure')}.`;
}

const contactText = (c) => (c ? `${c.name} <${c.email}>` : 'None');

function accountCell(account) {
  return el('th', { scope: 'row', 'data-label': 'Account' },
    el('span', { class: 'ac-account-id' }, account.accountId), ' ', el('span', { class: 'muted' }, account.accountName),
    account.isManagementAccount ? el('span', { class: 'badge ac-management' }, 'Management account') : null);
}

function driftTable(accounts) {
  const rows = accounts.flatMap((a) => a.differences.map((d) => el('tr', { testid: 'ac-drift-row', dataset: { account: a.accountId, type: d.type } },
    accountCell(a),
    el('td', { 'data-label': 'Contact' }, TYPES[d.type] || d.type),
    el('td', { 'data-label': 'Current', testid: 'ac-current' }, contactText(d.current)),
    el('td', { 'data-label': 'Configured', testid: 'ac-configured' }, contactText(d.configured)))));
  return el('div', { class: 'table-wrap' }, el('table', { class: 'table table-cards ac-drift', testid: 'ac-drift-table' },
    el('caption', {}, 'Drifting accounts'),
    el('thead', {}, el('tr', {}, ['Account', 'Contact', 'Current', 'Configured'].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, rows)));
}

function failureList(failures) {
  return [el('h3', {}, 'Failures'), el('ul', { class: 'plain-list ac-failures' }, failures.map((f) => el('li', { testid: 'ac-failure' },
    el('span', { class: 'ac-failure-where' }, f.accountId ? `Account ${f.accountId}: ` : 'Organization: '), f.message,
    el('span', { class: 'ac-fix', testid: 'ac-failure-fix' }, `Fix: ${f.fix}`))))];
}

/** The detail below the summary: drifting accounts, failures, or why there is nothing to show. */
export function reportDetail(report) {
  if (report.state === 'notConfigured') return el('p', { class: 'ac-fix', testid: 'ac-detail-fix' }, `Fix: ${report.notConfigured?.fix || ''}`);
  if (report.state === 'notChecked') return null;
  return [
    report.driftingAccounts.length ? driftTable(report.driftingAccounts) : el('p', { class: 'muted' }, 'No account drifts.'),
    report.failures.length ? failureList(report.failures) : null,
  ];
}
