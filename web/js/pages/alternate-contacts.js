import '../layout.js';
import { get, post, getMe, describeError } from '../api.js';
import { el, clear, setStatus, busy, params } from '../dom.js';
import { allows } from '../permissions.js';
import { checkedAt, stateLabel, summaryText, reportDetail } from '../contact-report.js';

const $ = (id) => document.getElementById(id);
const statusBox = $('ac-status');
const reportPath = (code) => `/api/alternate-contacts/${encodeURIComponent(code)}`;
const state = { me: null, available: false, selected: params().get('customer') };

const canCheck = () => state.available && allows(state.me, 'contacts-check');
const count = (r, key) => (r.state === 'checked' ? String(r[key]) : '—');

function row(r) {
  const selected = r.customerCode === state.selected;
  const requested = r.checkRequestedAt ? el('span', { class: 'muted ac-requested', testid: 'ac-requested' }, 'Check requested') : null;
  const check = canCheck() && r.state !== 'notConfigured'
    ? el('button', { type: 'button', class: 'btn btn-small', testid: 'ac-check', 'aria-label': `Check now: ${r.customerName}`, on: { click: (e) => requestCheck(r, e.currentTarget) } }, 'Check now')
    : null;
  return el('tr', { testid: 'ac-row', dataset: { customer: r.customerCode }, class: selected ? 'selected' : null },
    el('th', { scope: 'row' }, el('button', {
      type: 'button', class: 'link-button', testid: 'ac-customer', 'aria-expanded': String(selected), 'aria-controls': 'ac-detail',
      on: { click: () => select(r.customerCode) },
    }, `${r.customerName} (${r.customerCode})`)),
    el('td', { 'data-label': 'State' }, stateLabel(r), r.state === 'notConfigured' ? el('span', { class: 'ac-fix', testid: 'ac-fix' }, `Fix: ${r.notConfigured?.fix || ''}`) : null),
    el('td', { 'data-label': 'Accounts', testid: 'ac-accounts' }, count(r, 'accounts')),
    el('td', { 'data-label': 'Matching', testid: 'ac-matching' }, count(r, 'matching')),
    el('td', { 'data-label': 'Drifting', testid: 'ac-drifting' }, count(r, 'drifting')),
    el('td', { 'data-label': 'Failed', testid: 'ac-failed' }, count(r, 'failed')),
    el('td', { 'data-label': 'Checked', testid: 'ac-checked' }, checkedAt(r.checkedAt)),
    el('td', { class: 'nowrap' }, check, requested));
}

async function load() {
  try {
    const { data } = await get('/api/alternate-contacts');
    state.available = data.available;
    if (!data.available) setStatus(statusBox, data.reason, 'info');
    const items = data.items || [];
    clear($('ac-rows'), items.length ? items.map(row) : el('tr', { class: 'empty' }, el('td', { colspan: '8' }, 'No customers.')));
  } catch (err) {
    setStatus(statusBox, describeError(err, 'Loading the alternate contacts'), 'error');
  }
}

async function showDetail() {
  const detail = $('ac-detail');
  if (!state.selected) { detail.hidden = true; return; }
  try {
    const { data } = await get(reportPath(state.selected));
    $('ac-detail-h').textContent = `${data.customerName} (${data.customerCode})`;
    $('ac-detail-summary').textContent = summaryText(data);
    clear($('ac-detail-body'), reportDetail(data));
    detail.hidden = false;
  } catch (err) {
    detail.hidden = true;
    setStatus(statusBox, describeError(err, `Loading ${state.selected}'s alternate contacts`), 'error');
  }
}

async function select(code) {
  state.selected = state.selected === code ? null : code;
  const url = new URL(location.href);
  if (state.selected) url.searchParams.set('customer', state.selected); else url.searchParams.delete('customer');
  history.replaceState(null, '', url);
  await load();
  await showDetail();
  // The rows were drawn again: the focus goes to the detail shown, or back to the customer closed.
  if (state.selected) $('ac-detail-h').focus();
  else document.querySelector(`[data-testid="ac-row"][data-customer="${CSS.escape(code)}"] [data-testid="ac-customer"]`)?.focus();
}

async function requestCheck(r, button) {
  try {
    await busy(button, () => post(`${reportPath(r.customerCode)}/check`, {}));
    setStatus(statusBox, `${r.customerName}: check requested; results after the next sweep.`, 'success');
    statusBox.focus();
    await load();
  } catch (err) {
    setStatus(statusBox, describeError(err, `Asking for a check of ${r.customerName}`), 'error');
  }
}

async function init() {
  try { state.me = await getMe(); } catch { state.me = null; }
  await load();
  await showDetail();
}

init();
