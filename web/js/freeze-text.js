// How a freeze reads to people: its window (timed or whole days, in its zone), its repeat rule, its customers.
import { browserZone, formatWindow } from './time.js';

const dayFormat = (date) => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));

/** "Dec 24, 2026 – Dec 26, 2026 (whole days, Europe/London)" or the timed window with its zone's offset. */
export function freezeWindow(f) {
  if (f.startDate) {
    const days = f.startDate === f.endDate ? dayFormat(f.startDate) : `${dayFormat(f.startDate)} – ${dayFormat(f.endDate)}`;
    return `${days} (whole days, ${f.timezone})`;
  }
  return formatWindow(f.start, f.end, f.timezone);
}

/** The window, then the rule it repeats by: "… · repeats FREQ=WEEKLY;BYDAY=FR". */
export const freezeWhen = (f) => `${freezeWindow(f)}${f.recurrence ? ` · repeats ${f.recurrence}` : ''}`;

export const freezeCustomers = (f) => (f.customers?.length ? f.customers.join(', ') : 'All customers (global)');

/** An occurrence {start, end} in the viewer's zone. */
export const occurrenceText = (o) => (o ? formatWindow(o.start, o.end, browserZone()) : 'None ahead');
