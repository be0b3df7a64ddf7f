import '../layout.js';
import { get, getMe, getCustomers, customerNames, query, describeError } from '../api.js';
import { setStatus, params, fillSelect, statusOptions, customerOptions, busy, plural } from '../dom.js';
import { createChangeTable } from '../change-table.js';

const $ = (id) => document.getElementById(id);
const statusBox = $('changes-status');
const tabs = [...document.querySelectorAll('[role="tab"]')];
// Rejected: sent back by an approver, for its author to edit and submit again.
const TAB_STATUS = { drafts: 'draft', submitted: 'submitted', rejected: 'rejected', all: '' };
const PAGE_SIZE = 100;
const WANT = 50; // rows to gather per load (the "mine" filter is applied in the browser)

const state = { tab: 'drafts', me: null, names: new Map(), items: [], token: null, seq: 0 };
const table = createChangeTable({ caption: 'My changes' });
$('changes-results').append(table.table);

const EMPTY = { drafts: 'You have no drafts.', rejected: 'None of your changes was rejected.' };

const isMine = (c) => !state.me || [c.createdBy, c.submittedBy].includes(state.me);

function selectTab(name, focus = false) {
  state.tab = name;
  for (const t of tabs) {
    const on = t.dataset.tab === name;
    t.setAttribute('aria-selected', String(on));
    t.tabIndex = on ? 0 : -1;
    if (on) {
      $('changes-panel').setAttribute('aria-labelledby', t.id);
      if (focus) t.focus();
    }
  }
  $('filter-status').value = TAB_STATUS[name];
}

function syncUrl() {
  history.replaceState(null, '', `changes.html${query({
    tab: state.tab === 'drafts' ? '' : state.tab,
    status: state.tab === 'all' ? $('filter-status').value : '',
    customer: $('filter-customer').value,
  })}`);
}

async function load(more = false) {
  const seq = ++state.seq;
  if (!more) { state.items = []; state.token = null; }
  syncUrl();
  setStatus(statusBox, 'Loading…', 'busy');
  const filter = { status: $('filter-status').value, customer: $('filter-customer').value, sort: '-modifiedAt', pageSize: PAGE_SIZE };
  try {
    let gathered = 0;
    do {
      const { data } = await get(`/api/changes${query({ ...filter, pageToken: state.token })}`);
      if (seq !== state.seq) return;
      const mine = (data.items || []).filter(isMine);
      state.items.push(...mine);
      gathered += mine.length;
      state.token = data.nextPageToken || null;
    } while (state.token && gathered < WANT);
    table.setRows(state.items, state.names, EMPTY[state.tab] || 'No changes match.');
    $('changes-summary').textContent = `${plural(state.items.length, 'change')}${state.token ? ' so far' : ''}.`;
    $('load-more').hidden = !state.token;
    setStatus(statusBox, '');
  } catch (err) {
    if (seq !== state.seq) return;
    table.setRows([], state.names, 'Could not load changes.');
    setStatus(statusBox, describeError(err, 'Loading your changes'), 'error');
  }
}

for (const t of tabs) {
  t.addEventListener('click', () => { selectTab(t.dataset.tab); load(); });
  t.addEventListener('keydown', (e) => {
    const i = tabs.indexOf(t);
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    const target = tabs[(next + tabs.length) % tabs.length];
    selectTab(target.dataset.tab, true);
    load();
  });
}
$('filter-status').addEventListener('change', () => {
  const s = $('filter-status').value;
  const tab = Object.keys(TAB_STATUS).find((t) => t !== 'all' && TAB_STATUS[t] === s) || 'all';
  selectTab(tab);
  $('filter-status').value = s;
  load();
});
$('filter-customer').addEventListener('change', () => load());
$('load-more').addEventListener('click', (e) => busy(e.currentTarget, () => load(true)));

async function init() {
  const p = params();
  fillSelect($('filter-status'), statusOptions());
  try {
    fillSelect($('filter-customer'), await customerOptions(getCustomers), p.get('customer') || '');
  } catch { /* the list still works without customer names */ }
  try {
    state.me = (await getMe()).user;
  } catch { /* unknown user: show everything */ }
  state.names = await customerNames();
  const tab = TAB_STATUS[p.get('tab')] !== undefined ? p.get('tab') : 'drafts';
  selectTab(tab);
  if (tab === 'all' && p.get('status')) $('filter-status').value = p.get('status');
  load();
}

init();
