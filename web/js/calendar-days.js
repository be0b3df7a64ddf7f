// The calendar's days in the viewer's (the browser's) zone: a view's range, the days an interval covers, keys.

const pad = (n) => String(n).padStart(2, '0');

/** "2031-01-05": a local day's key (also its URL form). */
export const dayKey = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** A key back to local midnight; null when it is not a date. */
export function fromKey(key) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key || '');
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : null;
}

export const addDays = (d, n) => new Date(d.getFullYear(), d.getMonth(), d.getDate() + n);
const midnight = (d) => new Date(d.getFullYear(), d.getMonth(), d.getDate());
/** The Monday on or before `d`. */
const weekStart = (d) => addDays(midnight(d), -((d.getDay() + 6) % 7));

/** The days shown: a month's whole weeks (Monday first), or one week. {start, end (exclusive), days} */
export function viewRange(view, anchor) {
  const start = view === 'week' ? weekStart(anchor) : weekStart(new Date(anchor.getFullYear(), anchor.getMonth(), 1));
  const end = view === 'week' ? addDays(start, 7) : addDays(weekStart(new Date(anchor.getFullYear(), anchor.getMonth() + 1, 0)), 7);
  const days = [];
  for (let d = start; d < end; d = addDays(d, 1)) days.push(d);
  return { start, end, days };
}

/** The anchor moved by one view: a month (to its first day) or a week. */
export function step(view, anchor, direction) {
  return view === 'week' ? addDays(anchor, 7 * direction) : new Date(anchor.getFullYear(), anchor.getMonth() + direction, 1);
}

/** The keys of the local days [start, end) touches (an instant: its day). */
export function daysCovered(startIso, endIso) {
  const start = new Date(startIso);
  const end = new Date(Math.max(Date.parse(endIso) - 1, start.getTime()));
  const keys = [];
  for (let d = midnight(start); d <= end; d = addDays(d, 1)) keys.push(dayKey(d));
  return keys;
}

/** "January 2031" or "5 – 11 Jan 2031": what the view shows. */
export function viewTitle(view, anchor, range) {
  if (view !== 'week') return new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric' }).format(anchor);
  const fmt = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
  return `Week of ${fmt.formatRange ? fmt.formatRange(range.start, addDays(range.end, -1)) : fmt.format(range.start)}`;
}
