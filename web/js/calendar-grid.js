// The calendar's days as an ordered list: each day a heading and its entries (links to the change or announcement,
// in DOM order for the keyboard), freezes named on every day they cover and the day shaded (not by colour alone).
import { el, clear, statusLabel, detailHref, announcementHref } from './dom.js';
import { browserZone } from './time.js';
import { dayKey, daysCovered } from './calendar-days.js';

const time = (iso, zone) => new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', ...(zone ? { timeZone: zone } : {}) }).format(new Date(iso));

/** "10:00 Europe/London (11:00 your time)" when the entry's zone is not the viewer's; else null. */
function ownZone(iso, zone) {
  if (!zone || zone === browserZone()) return null;
  try { return `${time(iso, zone)} ${zone} (${time(iso)} your time)`; } catch { return null; }
}

/** An entry as the calendar places it: {key, start, end, node(first)} for each kind. */
const ENTRIES = {
  change: (c) => ({
    id: c.changeId, start: c.implementationStart, end: c.implementationEnd,
    node: (first) => entryLink(detailHref(c.changeId), `cal-item-${c.changeId}`, first ? time(c.implementationStart) : 'cont.', c.title || c.changeId,
      [statusLabel(c.status), c.emergency ? 'Emergency' : null, ownZone(c.implementationStart, c.timezone), (c.customers || []).join(', ')]),
  }),
  announcement: (a) => ({
    id: a.announcementId, start: a.start, end: a.end,
    node: (first) => entryLink(announcementHref(a.announcementId), `cal-item-${a.announcementId}`, first ? time(a.start) : 'cont.', `Event: ${a.title || a.announcementId}`,
      [ownZone(a.start, a.timezone), (a.customers || []).join(', ')]),
  }),
};

function entryLink(href, testid, when, title, details) {
  return el('li', { class: 'cal-entry' }, el('a', { class: 'cal-item', href, testid },
    el('span', { class: 'cal-when' }, when), ' ', el('span', { class: 'cal-what' }, title),
    el('span', { class: 'cal-detail' }, details.filter(Boolean).join(' · '))));
}

function freezeNode(f) {
  const when = f.allDay ? 'all day' : `${time(f.start)}–${time(f.end)}`;
  return el('li', { class: 'cal-freeze', testid: `cal-freeze-${f.freezeId}`, title: f.reason || '' },
    el('span', { class: 'cal-what' }, `Freeze: ${f.name || f.freezeId}`),
    el('span', { class: 'cal-detail' }, [when, f.customers?.length ? f.customers.join(', ') : 'all customers', f.reason].filter(Boolean).join(' · ')));
}

/** Map of day key → {freezes: [node], items: [{start, node}]} for the view's entries. */
function place(data) {
  const byDay = new Map();
  const day = (key) => byDay.get(key) || byDay.set(key, { freezes: [], items: [] }).get(key);
  for (const f of data.freezes || []) for (const key of daysCovered(f.start, f.end)) day(key).freezes.push(freezeNode(f));
  for (const [kind, list] of [['change', data.changes], ['announcement', data.announcements]]) {
    for (const raw of list || []) {
      const e = ENTRIES[kind](raw);
      daysCovered(e.start, e.end).forEach((key, i) => day(key).items.push({ start: i === 0 ? e.start : '', node: e.node(i === 0) }));
    }
  }
  return byDay;
}

const dayHeading = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short' });

/** Renders `days` (local midnights) into the list; `month`: the month shown (other days are marked outside). */
export function renderDays(list, days, data, { month = null } = {}) {
  const byDay = place(data);
  const today = dayKey(new Date());
  clear(list, days.map((d) => {
    const key = dayKey(d);
    const { freezes = [], items = [] } = byDay.get(key) || {};
    items.sort((a, b) => a.start.localeCompare(b.start));
    const cls = ['cal-day', freezes.length ? 'frozen' : '', month !== null && d.getMonth() !== month ? 'outside' : '', freezes.length || items.length ? '' : 'empty'];
    return el('li', { class: cls.filter(Boolean).join(' '), testid: `cal-day-${key}`, 'aria-current': key === today ? 'date' : null },
      el('h3', { class: 'cal-date' }, dayHeading.format(d)),
      freezes.length || items.length ? el('ul', { class: 'cal-entries' }, freezes, items.map((i) => i.node)) : null);
  }));
}

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
