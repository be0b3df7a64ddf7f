// The list table shared by My changes and Search: rows result-<id> for changes and announcements alike (an
// announcement's event start in the window column), optional sortable headers.
import { el, clear, statusBadge, detailHref, announcementHref } from './dom.js';
import { formatDateTime, browserZone, viewerWindow } from './time.js';

const COLUMNS = [
  { field: 'changeId', label: 'ID', sortable: true },
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
    clear(tbody, items.map(listRow).map((r) => el('tr', { testid: `result-${r.id}`, dataset: { kind: r.kind } },
      el('td', { class: 'nowrap' }, el('a', { href: r.href }, r.id)),
      el('td', {}, el('a', { href: r.href, tabindex: '-1' }, r.title || '(untitled)'),
        r.kind === 'announcement' ? el('span', { class: 'muted small', testid: `kind-${r.id}` }, ` · Announcement${r.type ? ` (${r.type})` : ''}`) : null),
      el('td', {}, statusBadge(r.status)),
      el('td', { class: 'customers-cell' }, (r.customers || []).map((code) => names.get(code) || code).join(', ')),
      windowCell(r),
      el('td', { class: 'nowrap' }, formatDateTime(r.modifiedAt)),
    )));
  }

  return { table, setRows, setSort };
}

/**
 * A change summary or an announcement summary (it has announcementId) as one row: {kind, id, href, title, type,
 * status, customers, start, zone, modifiedAt}; an announcement's list entry carries no event, so no start.
 */
export function listRow(item) {
  return item.announcementId
    ? { kind: 'announcement', id: item.announcementId, href: announcementHref(item.announcementId), title: item.title, type: item.announcementType,
      status: item.status, customers: item.customers, start: null, zone: null, modifiedAt: item.modifiedAt }
    : { kind: 'change', id: item.changeId, href: detailHref(item.changeId), title: item.changeTitle, status: item.status,
      customers: item.customers, start: item.implementationStart, zone: item.timezone, modifiedAt: item.modifiedAt };
}

function windowCell(r) {
  const shown = viewerWindow(r.start, null, r.zone);
  if (!shown.text) return el('td', {}, el('span', { class: 'muted' }, r.kind === 'announcement' ? '—' : 'Not scheduled'));
  return el('td', { class: 'nowrap', testid: `window-${r.id}` },
    el('time', { datetime: r.start, title: shown.changeZoneText }, formatDateTime(r.start, browserZone())),
    el('span', { class: 'visually-hidden' }, `; ${shown.changeZoneText}`));
}
