import '../layout.js';
import { get, getCustomers, customerNames, query, describeError } from '../api.js';
import { setStatus, params, fillSelect, statusOptions, customerOptions, busy, plural, ANNOUNCEMENT_STATUSES } from '../dom.js';
import { browserZone, localInputToIso } from '../time.js';
import { createChangeTable, listRow } from '../change-table.js';

const $ = (id) => document.getElementById(id);
const form = $('search-form');
const statusBox = $('search-status-msg');
const PAGE_SIZE = 25;
const DEFAULT_SORT = '-modifiedAt';

// A page's tokens per kind: undefined the first page, a string the next one, null nothing more of that kind.
const FIRST = { changes: undefined, announcements: undefined };
const state = { sort: DEFAULT_SORT, tokens: [], token: FIRST, nextToken: null, names: new Map(), seq: 0 };

const table = createChangeTable({ caption: 'Search results', onSort });
$('results').append(table.table);

function sortObject(sort) {
  const desc = sort.startsWith('-');
  return { field: desc ? sort.slice(1) : sort, desc };
}

function onSort(field) {
  const cur = sortObject(state.sort);
  // A new column starts descending for times, ascending for text; the same column flips.
  const timeField = field === 'modifiedAt' || field === 'implementationStart';
  const desc = cur.field === field ? !cur.desc : timeField;
  state.sort = `${desc ? '-' : ''}${field}`;
  run(true);
}

/** The filters as they appear in the page address. */
function filters() {
  return {
    kind: $('search-kind').value,
    q: $('search-text').value.trim(),
    status: $('search-status').value,
    customer: $('search-customer').value,
    from: $('search-from').value,
    to: $('search-to').value,
    undelivered: $('search-undelivered').checked ? 'true' : '',
  };
}

/** Filters for the API: dates become instants at the start/end of the day in the browser's zone. */
function apiFilters(f = filters()) {
  const zone = browserZone();
  return {
    ...f,
    kind: '',
    from: f.from ? localInputToIso(`${f.from}T00:00:00`, zone) : '',
    to: f.to ? localInputToIso(`${f.to}T23:59:59`, zone) : '',
    sort: state.sort,
  };
}

function syncUrlAndExport() {
  const f = filters();
  const qs = query({ ...f, sort: state.sort === DEFAULT_SORT ? '' : state.sort });
  history.replaceState(null, '', `search.html${qs}`);
  $('export-csv').href = `/api/changes${query({ ...apiFilters(), format: 'csv' })}`;
  $('export-csv').hidden = f.kind === 'announcements';
  table.setSort(sortObject(state.sort));
}

/**
 * Why announcements are left out of this search, or '': they have no implementation window, no undelivered
 * filter and never the statuses rejected and completed.
 */
function announcementsExcluded(f) {
  if (f.kind === 'changes') return 'changes only';
  if (f.from || f.to) return 'announcements have no implementation window';
  if (f.undelivered) return 'the undelivered filter is for changes';
  if (f.status && !ANNOUNCEMENT_STATUSES.includes(f.status)) return `announcements are never ${f.status}`;
  return '';
}

/** One kind's page, or nothing when that kind is not searched or has no more pages. */
async function pageOf(path, params, token) {
  if (token === null) return { items: [], next: null };
  const { data } = await get(`${path}${query({ ...params, pageSize: PAGE_SIZE, pageToken: token })}`);
  return { items: data.items || [], next: data.nextPageToken || null };
}

/** The rows of both kinds in the order chosen (each kind comes sorted; merged, they are sorted again here). */
function merged(changes, announcements) {
  const { field, desc } = sortObject(state.sort);
  const key = { changeId: 'id', changeTitle: 'title', implementationStart: 'start' }[field] || field;
  const value = (item) => listRow(item)[key] ?? '';
  const rows = [...changes, ...announcements];
  if (!changes.length || !announcements.length) return rows;
  return rows.sort((a, b) => String(value(a)).localeCompare(String(value(b))) * (desc ? -1 : 1));
}

async function run(resetPaging) {
  if (resetPaging) { state.tokens = []; state.token = FIRST; }
  syncUrlAndExport();
  const seq = ++state.seq;
  setStatus(statusBox, 'Searching…', 'busy');
  const f = filters();
  const excluded = announcementsExcluded(f);
  try {
    const [changes, announcements] = await Promise.all([
      pageOf('/api/changes', apiFilters(f), f.kind === 'announcements' ? null : state.token.changes),
      pageOf('/api/announcements', { q: f.q, status: f.status, customer: f.customer }, excluded ? null : state.token.announcements),
    ]);
    if (seq !== state.seq) return;
    const items = merged(changes.items, announcements.items);
    state.nextToken = changes.next || announcements.next ? { changes: changes.next, announcements: announcements.next } : null;
    const word = { changes: ['change', 'changes'], announcements: ['announcement', 'announcements'] }[f.kind] || ['result', 'results'];
    table.setRows(items, state.names, `No ${word[1]} match these filters.`);
    const page = state.tokens.length + 1;
    $('page-label').textContent = `Page ${page}`;
    $('result-summary').textContent = `${plural(items.length, ...word)} on page ${page}${state.nextToken ? ', more on the next page' : ''}.`
      + (excluded && f.kind !== 'changes' ? ` No announcements: ${excluded}.` : '');
    $('prev-page').disabled = state.tokens.length === 0;
    $('next-page').disabled = !state.nextToken;
    setStatus(statusBox, '');
  } catch (err) {
    if (seq !== state.seq) return;
    table.setRows([], state.names, 'The search failed.');
    setStatus(statusBox, describeError(err, 'The search'), 'error');
  }
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  busy($('search-submit'), () => run(true));
});
form.addEventListener('reset', () => setTimeout(() => { state.sort = DEFAULT_SORT; run(true); }));
for (const id of ['search-kind', 'search-status', 'search-customer', 'search-undelivered']) $(id).addEventListener('change', () => run(true));
$('next-page').addEventListener('click', () => {
  if (!state.nextToken) return;
  state.tokens.push(state.token);
  state.token = state.nextToken;
  run(false);
});
$('prev-page').addEventListener('click', () => {
  if (!state.tokens.length) return;
  state.token = state.tokens.pop();
  run(false);
});

async function init() {
  const p = params();
  fillSelect($('search-status'), statusOptions(), p.get('status') || '');
  $('search-kind').value = ['changes', 'announcements'].includes(p.get('kind')) ? p.get('kind') : '';
  $('search-text').value = p.get('q') || '';
  $('search-from').value = p.get('from') || '';
  $('search-to').value = p.get('to') || '';
  $('search-undelivered').checked = p.get('undelivered') === 'true';
  state.sort = p.get('sort') || DEFAULT_SORT;
  try {
    fillSelect($('search-customer'), await customerOptions(getCustomers), p.get('customer') || '');
  } catch (err) {
    setStatus(statusBox, describeError(err, 'Loading customers'), 'error');
  }
  state.names = await customerNames();
  await run(true);
}

init();
