import '../layout.js';
import { get, getCustomers, customerNames, query, describeError } from '../api.js';
import { setStatus, params, fillSelect, statusOptions, customerOptions, busy, plural } from '../dom.js';
import { browserZone, localInputToIso } from '../time.js';
import { createChangeTable } from '../change-table.js';

const $ = (id) => document.getElementById(id);
const form = $('search-form');
const statusBox = $('search-status-msg');
const PAGE_SIZE = 25;
const DEFAULT_SORT = '-modifiedAt';

const state = { sort: DEFAULT_SORT, tokens: [], token: null, nextToken: null, names: new Map(), seq: 0 };

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
  table.setSort(sortObject(state.sort));
}

async function run(resetPaging) {
  if (resetPaging) { state.tokens = []; state.token = null; }
  syncUrlAndExport();
  const seq = ++state.seq;
  setStatus(statusBox, 'Searching…', 'busy');
  try {
    const { data } = await get(`/api/changes${query({ ...apiFilters(), pageSize: PAGE_SIZE, pageToken: state.token })}`);
    if (seq !== state.seq) return;
    const items = data.items || [];
    state.nextToken = data.nextPageToken || null;
    table.setRows(items, state.names, 'No changes match these filters.');
    const page = state.tokens.length + 1;
    $('page-label').textContent = `Page ${page}`;
    $('result-summary').textContent = `${plural(items.length, 'change')} on page ${page}${state.nextToken ? ', more on the next page' : ''}.`;
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
for (const id of ['search-status', 'search-customer', 'search-undelivered']) $(id).addEventListener('change', () => run(true));
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
