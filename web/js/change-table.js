// The change list table shared by My changes and Search: rows result-<changeId>, optional sortable headers.
import { el, clear, statusBadge, detailHref } from './dom.js';
import { formatDateTime, browserZone, viewerWindow } from './time.js';

const COLUMNS = [
  { field: 'changeId', label: 'Change', sortable: true },
  { field: 'changeTitle', label: 'Title', sortable: true },
  { field: 'status', label: 'Status', sortable: true },
  { field: 'customers', label: 'Customers' },
  // Every time in the viewer's zone (named in the header); the change's own zone on each start's title.
  { field: 'implementationStart', label: `Window start (your time: ${browserZone()})`, sortable: true },
  { field: 'modifiedAt', label: 'Modified', sortable: true },
];

/**
 * sort: {field, desc} or null; onSort(field) when a sortable header is activated (null = not sortable).
 */
export function createChangeTable({ caption, onSort = null } = {}) {
  const headers = new Map();
  const headRow = el('tr', {}, COLUMNS.map((c) => {
    const th = el('th', { scope: 'col' });
    if (onSort && c.sortable) {
      th.append(el('button', { type: 'button', class: 'sort', testid: `sort-${c.field}`, on: { click: () => onSort(c.field) } },
        c.label, el('span', { class: 'sort-icon', 'aria-hidden': 'true' })));
      th.setAttribute('aria-sort', 'none');
      headers.set(c.field, th);
    } else {
      th.textContent = c.label;
    }
    return th;
  }));
  const tbody = el('tbody');
  const table = el('table', { class: 'table changes-table' },
    caption ? el('caption', { class: 'visually-hidden' }, caption) : null,
    el('thead', {}, headRow), tbody);

  function setSort(sort) {
    for (const [field, th] of headers) {
      const state = sort && sort.field === field ? (sort.desc ? 'descending' : 'ascending') : 'none';
      th.setAttribute('aria-sort', state);
    }
  }

  function setRows(items, names = new Map(), emptyText = 'No changes found.') {
    if (!items.length) {
      clear(tbody, el('tr', { class: 'empty' }, el('td', { colspan: COLUMNS.length }, emptyText)));
      return;
    }
    clear(tbody, items.map((c) => el('tr', { testid: `result-${c.changeId}` },
      el('td', { class: 'nowrap' }, el('a', { href: detailHref(c.changeId) }, c.changeId)),
      el('td', {}, el('a', { href: detailHref(c.changeId), tabindex: '-1' }, c.changeTitle || '(untitled)')),
      el('td', {}, statusBadge(c.status)),
      el('td', { class: 'customers-cell' }, (c.customers || []).map((code) => names.get(code) || code).join(', ')),
      windowCell(c),
      el('td', { class: 'nowrap' }, formatDateTime(c.modifiedAt)),
    )));
  }

  return { table, setRows, setSort };
}

function windowCell(c) {
  const shown = viewerWindow(c.implementationStart, null, c.timezone);
  if (!shown.text) return el('td', {}, el('span', { class: 'muted' }, 'Not scheduled'));
  return el('td', { class: 'nowrap', testid: `window-${c.changeId}` },
    el('time', { datetime: c.implementationStart, title: shown.changeZoneText }, formatDateTime(c.implementationStart, browserZone())),
    el('span', { class: 'visually-hidden' }, `; ${shown.changeZoneText}`));
}
