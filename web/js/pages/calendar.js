import '../layout.js';
import { get, getCustomers, query, describeError } from '../api.js';
import { el, clear, setStatus, params, fillSelect, customerOptions, statusOptions } from '../dom.js';
import { browserZone } from '../time.js';
import { dayKey, fromKey, step, viewRange, viewTitle } from '../calendar-days.js';
import { renderDays, WEEKDAYS } from '../calendar-grid.js';

const $ = (id) => document.getElementById(id);
const grid = $('cal-grid');
const statusBox = $('cal-status-box');
const initial = params();
const state = {
  view: initial.get('view') === 'week' ? 'week' : 'month',
  anchor: fromKey(initial.get('date')) || new Date(),
  seq: 0,
};

/** The view, day, customer and status in the address, so the view can be linked and reloaded. */
function remember() {
  history.replaceState(null, '', `calendar.html${query({ view: state.view, date: dayKey(state.anchor), customer: $('cal-customer').value, status: $('cal-status').value })}`);
}

async function load() {
  const seq = ++state.seq;
  remember();
  const range = viewRange(state.view, state.anchor);
  grid.setAttribute('aria-busy', 'true');
  setStatus(statusBox, 'Loading…', 'busy');
  try {
    const { data } = await get(`/api/calendar${query({
      from: range.start.toISOString(), to: range.end.toISOString(), customer: $('cal-customer').value, status: $('cal-status').value,
    })}`);
    if (seq !== state.seq) return;
    // The title and the grid change together: a title ahead of its entries would show one period's entries under another's name.
    showPeriod(range);
    renderDays(grid, range.days, data, { month: state.view === 'month' ? state.anchor.getMonth() : null });
    grid.removeAttribute('aria-busy');
    const count = (data.changes || []).length + (data.announcements || []).length;
    setStatus(statusBox, count || (data.freezes || []).length ? '' : 'Nothing scheduled in this period.', 'info');
  } catch (err) {
    if (seq !== state.seq) return;
    showPeriod(range);
    clear(grid);
    grid.removeAttribute('aria-busy');
    setStatus(statusBox, describeError(err, 'Loading the calendar'), 'error');
  }
}

function showPeriod(range) {
  $('cal-title').textContent = viewTitle(state.view, state.anchor, range);
  for (const b of document.querySelectorAll('[data-view]')) b.setAttribute('aria-pressed', String(b.dataset.view === state.view));
  grid.dataset.view = state.view;
}

function move(direction) {
  state.anchor = direction === 0 ? new Date() : step(state.view, state.anchor, direction);
  load();
}

async function init() {
  $('cal-zone').textContent = browserZone();
  clear($('cal-weekdays'), WEEKDAYS.map((d) => el('span', {}, d)));
  fillSelect($('cal-status'), statusOptions(), initial.get('status') || '');
  try {
    fillSelect($('cal-customer'), await customerOptions(getCustomers), initial.get('customer') || '');
  } catch { /* keep "All customers" */ }
  load();
}

for (const b of document.querySelectorAll('[data-view]')) b.addEventListener('click', () => { state.view = b.dataset.view; load(); });
$('cal-prev').addEventListener('click', () => move(-1));
$('cal-next').addEventListener('click', () => move(1));
$('cal-today').addEventListener('click', () => move(0));
$('cal-customer').addEventListener('change', load);
$('cal-status').addEventListener('change', load);
init();
