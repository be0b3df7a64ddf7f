// The change form's customers: a checkbox each, a filter box (every typed word must start a word of the
// customer's name, code, environment or region, so "prod" is prod, never nonprod), select all / clear of
// the customers shown, and, while a filter hides some, the selected ones as chips (× unticks). A customer
// whose SES account is not ready is marked, with the reason, so nobody picks it unaware.
import { el, clear } from './dom.js';
import { notReady, readinessMark } from './readiness.js';

/** The words a filter matches the start of: name words, code, environment, region (whole and in parts). */
function searchWords(c) {
  const whole = [c.code, c.environment, c.region].filter(Boolean).map((w) => w.toLowerCase());
  const parts = [c.name, ...whole].join(' ').toLowerCase().split(/[^\p{L}\p{N}]+/u);
  return [...new Set([...whole, ...parts])].filter(Boolean);
}

function option(c, checked) {
  const id = `cust-${c.code}`;
  return el('label', { class: 'customer-option', for: id, dataset: { words: searchWords(c).join(' ') } },
    el('input', { type: 'checkbox', id, value: c.code, name: 'customers', testid: `customer-${c.code}`, checked }),
    el('span', {}, c.name, notReady(c) ? [' ', readinessMark(c)] : null,
      el('span', { class: 'meta' }, [c.code, c.environment, c.region].filter(Boolean).join(' · '))));
}

/**
 * Wires the picker to the page's elements. onSelect(): the picker itself changed the selection (a chip,
 * select all, clear); onCount(): the count was shown again (after any render, filter or selection change).
 */
export function createCustomerPicker({ list, filter, chips, count, noMatch, selectAll, clearShown, onSelect, onCount }) {
  let customers = [];
  const boxes = () => [...list.querySelectorAll('input[type=checkbox]')];
  const visible = () => boxes().filter((b) => !b.closest('.customer-option').hidden);
  const selected = () => boxes().filter((b) => b.checked).map((b) => b.value);

  function renderChips() {
    const chosen = boxes().filter((b) => b.checked);
    chips.hidden = !filter.value.trim() || !chosen.length;
    if (chips.hidden) { clear(chips); return; }
    const byCode = new Map(customers.map((c) => [c.code, c]));
    clear(chips, el('span', { class: 'muted small' }, 'Selected:'), chosen.map((box) => {
      const name = `${byCode.get(box.value)?.name || box.value} (${box.value})`;
      return el('button', { type: 'button', class: 'chip', testid: `chip-${box.value}`, 'aria-label': `Remove ${name}`,
        on: { click: () => { box.checked = false; updateCount(); onSelect(); filter.focus(); } } },
      name, el('span', { 'aria-hidden': 'true' }, ' ×'));
    }));
  }

  function updateCount() {
    const all = boxes().length;
    const shown = visible().length;
    count.textContent = `${selected().length} of ${all} selected${shown !== all ? ` · ${shown} shown` : ''}`;
    renderChips();
    onCount();
  }

  function applyFilter() {
    const words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
    for (const label of list.querySelectorAll('.customer-option')) {
      const own = label.dataset.words.split(' ');
      label.hidden = !words.every((w) => own.some((word) => word.startsWith(w)));
    }
    const none = boxes().length > 0 && visible().length === 0;
    noMatch.hidden = !none;
    noMatch.textContent = none ? `No customer matches “${filter.value.trim()}”. Filter by the start of a name, code, environment or region.` : '';
    updateCount();
  }

  /** The configured customers, and any selected code that is not configured (kept, marked so). */
  function render(configured, chosen) {
    const known = new Set(configured.map((c) => c.code));
    const extra = [...chosen].filter((code) => !known.has(code)).map((code) => ({ code, name: code, environment: 'not configured', region: '' }));
    customers = [...configured, ...extra];
    if (!customers.length) {
      clear(list, el('p', { class: 'muted' }, 'No customers are configured.'));
      return;
    }
    clear(list, customers.map((c) => option(c, chosen.has(c.code))));
    applyFilter();
  }

  function setShown(checked) {
    for (const box of visible()) box.checked = checked;
    updateCount();
    onSelect();
  }

  filter.addEventListener('input', applyFilter);
  filter.addEventListener('keydown', (e) => { if (e.key === 'Enter') e.preventDefault(); });
  selectAll.addEventListener('click', () => setShown(true));
  clearShown.addEventListener('click', () => setShown(false));

  return {
    render,
    selected,
    updateCount,
    /** Ticks exactly these codes. */
    select(codes) {
      const set = new Set(codes || []);
      for (const box of boxes()) box.checked = set.has(box.value);
      updateCount();
    },
    /** The field an error about the customers moves the focus to. */
    firstField: () => boxes()[0] || filter,
    customers: () => customers,
  };
}

/**
 * The picker's fieldset (legend: what the customers are to the object), appended to `container`, on every form the
 * same: the filter, select all / clear shown, the count, the error under it (e-customers), the chips and the list.
 * Returns the nodes createCustomerPicker takes.
 */
export function mountCustomerFieldset(container, legend) {
  const nodes = {
    filter: el('input', { type: 'search', id: 'customer-filter', testid: 'customer-filter', 'data-no-draft': '', placeholder: 'Filter by name, code, environment, region…',
      autocomplete: 'off', 'aria-describedby': 'customer-filter-hint' }),
    selectAll: el('button', { type: 'button', class: 'btn btn-small', testid: 'customers-select-all', id: 'customers-select-all' }, 'Select all shown'),
    clearShown: el('button', { type: 'button', class: 'btn btn-small', testid: 'customers-clear', id: 'customers-clear' }, 'Clear shown'),
    count: el('span', { class: 'muted small', id: 'customer-count', 'aria-live': 'polite' }),
    chips: el('div', { class: 'chips', id: 'customer-chips', testid: 'customer-chips', role: 'group', 'aria-label': 'Selected customers, also those the filter hides', hidden: true }),
    noMatch: el('p', { class: 'muted', id: 'customer-no-match', testid: 'customer-no-match', role: 'status', hidden: true }),
    list: el('div', { class: 'customer-list', id: 'customer-list' }, el('p', { class: 'skeleton' }, 'Loading customers…')),
  };
  container.append(el('fieldset', { 'aria-describedby': 'customer-count e-customers' },
    el('legend', { class: 'visually-hidden' }, legend),
    el('div', { class: 'customer-tools' },
      el('label', { for: 'customer-filter', class: 'visually-hidden' }, 'Filter customers'), nodes.filter, nodes.selectAll, nodes.clearShown, nodes.count),
    el('p', { class: 'visually-hidden', id: 'customer-filter-hint' },
      'Each word matches the start of a word of a customer\'s name, code, environment or region: prod finds prod, not nonprod.'),
    el('p', { class: 'error', id: 'e-customers', testid: 'error-customers' }),
    nodes.chips, nodes.noMatch, nodes.list));
  return nodes;
}
