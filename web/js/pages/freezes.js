import '../layout.js';
import { get, post, put, del, getMe, getCustomers, ifMatch, versionFromEtag, describeError, ApiError } from '../api.js';
import { el, clear, setStatus, busy } from '../dom.js';
import { zones, localInputToIso, isoToLocalInput } from '../time.js';
import { allows } from '../permissions.js';
import { createCustomerPicker, mountCustomerFieldset } from '../customer-picker.js';
import { freezeCustomers, freezeWhen, occurrenceText } from '../freeze-text.js';

const $ = (id) => document.getElementById(id);
const form = $('freeze-form');
const statusBox = $('freezes-status');
const freezePath = (id) => `/api/freezes/${encodeURIComponent(id)}`;
// The fields a refusal names; the customer picker's error is its own (e-customers).
const FIELDS = ['name', 'reason', 'start', 'end', 'startDate', 'endDate', 'timezone', 'recurrence', 'customers'];
const state = { me: null, editing: null };

const picker = createCustomerPicker({ ...mountCustomerFieldset($('customers-card'), 'Customers the freeze holds'), onSelect: () => {}, onCount: () => {} });
const canWrite = () => allows(state.me, 'freeze-write');

// ---------------------------------------------------------------- list

function row(f) {
  const actions = canWrite() ? [
    el('button', { type: 'button', class: 'btn btn-small', testid: 'freeze-edit', 'aria-label': `Edit ${f.name}`, on: { click: (e) => edit(f.freezeId, e.currentTarget) } }, 'Edit'),
    el('button', { type: 'button', class: 'btn btn-small btn-danger', testid: 'freeze-remove', 'aria-label': `Remove ${f.name}`, on: { click: (e) => remove(f, e.currentTarget) } }, 'Remove'),
  ] : null;
  return el('tr', { testid: 'freeze-row', dataset: { freezeId: f.freezeId } },
    el('th', { scope: 'row', testid: 'freeze-name' }, f.name),
    el('td', { testid: 'freeze-customers' }, freezeCustomers(f)),
    el('td', { testid: 'freeze-when' }, freezeWhen(f)),
    el('td', { testid: 'freeze-reason' }, f.reason),
    el('td', { testid: 'freeze-next' }, occurrenceText(f.nextOccurrence)),
    el('td', { class: 'nowrap' }, actions));
}

async function load() {
  try {
    const { data } = await get('/api/freezes');
    const items = data.items || [];
    clear($('freeze-rows'), items.length ? items.map(row) : el('tr', { class: 'empty' }, el('td', { colspan: '6' }, 'No freezes.')));
  } catch (err) {
    setStatus(statusBox, describeError(err, 'Loading the freezes'), 'error');
  }
}

// ---------------------------------------------------------------- form

function showAllDay(allDay) {
  $('f-all-day').checked = allDay;
  for (const node of form.querySelectorAll('[data-when]')) node.hidden = node.dataset.when !== (allDay ? 'all-day' : 'timed');
}

function showErrors(errors = {}, message = '') {
  for (const field of FIELDS) {
    const text = [].concat(errors[field] || []).join(' ');
    $(`e-${field}`).textContent = text;
    const input = form.querySelector(`[name="${field}"]`);
    if (input) { if (text) input.setAttribute('aria-invalid', 'true'); else input.removeAttribute('aria-invalid'); }
  }
  $('freeze-form-error').textContent = message;
  const first = FIELDS.find((f) => errors[f]);
  if (first) (first === 'customers' ? picker.firstField() : form.querySelector(`[name="${first}"]`))?.focus();
}

function open(freeze, version) {
  state.editing = freeze ? { id: freeze.freezeId, version } : null;
  $('freeze-form-h').textContent = freeze ? `Edit ${freeze.name}` : 'Add freeze';
  const f = freeze || { timezone: 'UTC' };
  $('f-name').value = f.name || '';
  $('f-reason').value = f.reason || '';
  $('f-timezone').value = f.timezone || 'UTC';
  $('f-recurrence').value = f.recurrence || '';
  $('f-start').value = isoToLocalInput(f.start, f.timezone);
  $('f-end').value = isoToLocalInput(f.end, f.timezone);
  $('f-start-date').value = f.startDate || '';
  $('f-end-date').value = f.endDate || '';
  showAllDay(Boolean(f.startDate));
  picker.select(f.customers || []);
  showErrors();
  form.hidden = false;
  $('freeze-form-h').focus();
}

function toPayload() {
  const zone = $('f-timezone').value.trim();
  const allDay = $('f-all-day').checked;
  const value = (id) => $(id).value.trim() || undefined;
  return {
    name: value('f-name'), reason: value('f-reason'), customers: picker.selected(), timezone: zone || undefined,
    recurrence: value('f-recurrence'),
    ...(allDay
      ? { startDate: value('f-start-date'), endDate: value('f-end-date') }
      : { start: localInputToIso($('f-start').value, zone) || undefined, end: localInputToIso($('f-end').value, zone) || undefined }),
  };
}

async function save() {
  const editing = state.editing;
  try {
    if (editing) await put(freezePath(editing.id), toPayload(), { headers: ifMatch(editing.version) });
    else await post('/api/freezes', toPayload());
  } catch (err) {
    if (err instanceof ApiError && err.status === 400) { showErrors(err.errors, err.problem.title); return; }
    showErrors({}, freezeError(err, 'Saving the freeze'));
    return;
  }
  form.hidden = true;
  setStatus(statusBox, editing ? 'Freeze saved.' : 'Freeze added.', 'success');
  statusBox.focus();
  await load();
}

/** describeError speaks of changes; a freeze's conflicts say what to do here. */
function freezeError(err, action) {
  if (err instanceof ApiError && err.status === 412) return 'Someone else changed this freeze first. Cancel, then edit it again to see theirs.';
  return describeError(err, action);
}

async function edit(id, button) {
  try {
    const { data, etag } = await busy(button, () => get(freezePath(id)));
    open(data, versionFromEtag(etag) ?? data.version);
  } catch (err) {
    setStatus(statusBox, freezeError(err, 'Loading the freeze'), 'error');
  }
}

async function remove(f, button) {
  if (!window.confirm(`Remove the freeze “${f.name}”? Changes are no longer held by it.`)) return;
  try {
    await busy(button, () => del(freezePath(f.freezeId), { headers: ifMatch(f.version) }));
    setStatus(statusBox, `Freeze “${f.name}” removed.`, 'success');
    statusBox.focus();
    await load();
  } catch (err) {
    setStatus(statusBox, freezeError(err, 'Removing the freeze'), 'error');
  }
}

async function init() {
  clear($('zone-list'), zones().map((z) => el('option', { value: z })));
  try { state.me = await getMe(); } catch { state.me = null; }
  $('freeze-add').hidden = !canWrite();
  if (canWrite()) picker.render(await getCustomers().catch(() => []), new Set());
  await load();
}

$('freeze-add').addEventListener('click', () => open(null));
$('f-all-day').addEventListener('change', (e) => showAllDay(e.currentTarget.checked));
$('freeze-cancel').addEventListener('click', () => { form.hidden = true; $('freeze-add').focus(); });
form.addEventListener('submit', (e) => { e.preventDefault(); busy($('freeze-save'), save); });
init();
