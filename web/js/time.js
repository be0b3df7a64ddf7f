// Time zones: wall-clock ⇄ instant in an IANA zone (DST-aware), display helpers.

export const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export function zones() {
  try {
    const list = Intl.supportedValuesOf('timeZone').filter((z) => z.includes('/'));
    return ['UTC', ...list];
  } catch {
    return ['UTC', browserZone()];
  }
}

export function isValidZone(zone) {
  if (!zone) return false;
  try { new Intl.DateTimeFormat('en-US', { timeZone: zone }); return true; } catch { return false; }
}

// Abbreviations people write for a zone and the place's zone they most likely mean: EST is UTC-05:00 all
// year, an hour off New York's clocks all summer. The same list as the server's (IanaZones in Core).
const LEGACY_ZONES = {
  EST: 'America/New_York', EDT: 'America/New_York', EST5EDT: 'America/New_York',
  CST: 'America/Chicago', CDT: 'America/Chicago', CST6CDT: 'America/Chicago',
  MST: 'America/Denver (or America/Phoenix, which keeps UTC-07:00 all year)', MDT: 'America/Denver', MST7MDT: 'America/Denver',
  PST: 'America/Los_Angeles', PDT: 'America/Los_Angeles', PST8PDT: 'America/Los_Angeles',
  HST: 'Pacific/Honolulu', AKST: 'America/Anchorage',
  GMT: 'UTC (or Europe/London for UK time)', CET: 'Europe/Paris', EET: 'Europe/Athens', WET: 'Europe/Lisbon',
};

/** Whether a change may name `zone`: an IANA Area/Location name or UTC (as the server accepts). */
const isPlaceZone = (zone) => (zone === 'UTC' || (zone.includes('/') && !/^(posix|right)\//.test(zone))) && isValidZone(zone);

/** Why a change may not name `zone`, with the zone to use instead; null when it may. */
export function zoneProblem(zone) {
  if (!zone || isPlaceZone(zone)) return null;
  const place = LEGACY_ZONES[zone.toUpperCase()];
  return place
    ? `“${zone}” is a legacy abbreviation (a fixed offset or an old US rule), not a place's zone; use ${place}.`
    : `“${zone}” is not an IANA time zone; use an Area/Location name (for example Europe/Berlin) or UTC.`;
}

/** Offset of `zone` at instant `ms`, in minutes east of UTC. */
export function offsetMinutes(ms, zone) {
  const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName');
  const m = /([+-−])(\d{1,2})(?::?(\d{2}))?/.exec(part ? part.value : '');
  if (!m) return 0; // "GMT"
  const sign = m[1] === '+' ? 1 : -1;
  return sign * (Number(m[2]) * 60 + Number(m[3] || 0));
}

const pad = (n, w = 2) => String(n).padStart(w, '0');

function formatOffset(min) {
  const sign = min < 0 ? '-' : '+';
  const a = Math.abs(min);
  return `${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

/** Wall-clock fields of instant `ms` in `zone`. */
function wallParts(ms, zone) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(ms));
  const get = (t) => Number(parts.find((p) => p.type === t).value);
  return { y: get('year'), mo: get('month'), d: get('day'), h: get('hour') % 24, mi: get('minute'), s: get('second') };
}

/**
 * "2026-12-03T22:00" (datetime-local value) read as a wall clock in `zone` →
 * ISO 8601 with that zone's offset at that instant, e.g. "2026-12-03T22:00:00-05:00".
 * A wall clock that happens twice (DST ends) is its first occurrence; one that never happens
 * (DST starts) moves forward by the gap, as Temporal's "compatible" disambiguation does.
 */
export function localInputToIso(value, zone) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(value || '');
  if (!m || !isValidZone(zone)) return '';
  const want = { y: +m[1], mo: +m[2], d: +m[3], h: +m[4], mi: +m[5], s: +(m[6] || 0) };
  const asUtc = Date.UTC(want.y, want.mo - 1, want.d, want.h, want.mi, want.s);
  const before = offsetMinutes(asUtc - 86400000, zone);
  const after = offsetMinutes(asUtc + 86400000, zone);
  const sameWall = (ms) => { const w = wallParts(ms, zone); return Object.keys(want).every((k) => w[k] === want[k]); };
  const exact = [...new Set([before, after, offsetMinutes(asUtc, zone)])]
    .map((off) => asUtc - off * 60000).filter(sameWall).sort((x, y) => x - y);
  const ms = exact.length ? exact[0] : asUtc - before * 60000;
  const w = wallParts(ms, zone);
  return `${w.y}-${pad(w.mo)}-${pad(w.d)}T${pad(w.h)}:${pad(w.mi)}:${pad(w.s)}${formatOffset(offsetMinutes(ms, zone))}`;
}

/** ISO instant → datetime-local value showing the wall clock in `zone`. */
export function isoToLocalInput(iso, zone) {
  const ms = Date.parse(iso || '');
  if (Number.isNaN(ms)) return '';
  const w = wallParts(ms, isValidZone(zone) ? zone : browserZone());
  return `${w.y}-${pad(w.mo)}-${pad(w.d)}T${pad(w.h)}:${pad(w.mi)}`;
}

/** A date/time for people, in `zone` (default the browser's). */
export function formatDateTime(iso, zone, opts = {}) {
  const ms = Date.parse(iso || '');
  if (Number.isNaN(ms)) return '';
  return new Intl.DateTimeFormat(undefined, {
    dateStyle: 'medium', timeStyle: 'short', ...(isValidZone(zone) ? { timeZone: zone } : {}), ...opts,
  }).format(new Date(ms));
}

/** The zone to show an instant in: the change's zone, else the offset the ISO text carries, else the browser's. */
export function displayZone(iso, zone) {
  if (isValidZone(zone)) return zone;
  const m = /([+-])(\d{2}):(\d{2})$/.exec(iso || '');
  if (m) {
    if (isValidZone(m[0])) return m[0];
    const etc = `Etc/GMT${m[1] === '+' ? '-' : '+'}${Number(m[2])}`; // POSIX sign: Etc/GMT+5 is UTC-05:00
    if (m[3] === '00' && isValidZone(etc)) return etc;
  }
  return /Z$/.test(iso || '') ? 'UTC' : browserZone();
}

/** "Dec 3, 2026, 10:00 – 11:30 PM (America/New_York, UTC-05:00)" */
export function formatWindow(startIso, endIso, zone) {
  const z = displayZone(startIso, zone);
  const s = Date.parse(startIso || ''); const e = Date.parse(endIso || '');
  if (Number.isNaN(s)) return '';
  const fmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone: z });
  const range = !Number.isNaN(e) && fmt.formatRange ? fmt.formatRange(new Date(s), new Date(e)) : fmt.format(new Date(s));
  const offset = `UTC${formatOffset(offsetMinutes(s, z))}`;
  return `${range} (${/^([+-]|Etc\/)/.test(z) ? offset : `${z}, ${offset}`})`;
}

/**
 * How lists show a window: in the viewer's zone (so rows read in the order of their instants), with
 * the change's own zone for the title (hover) and for screen readers. {text, changeZoneText}
 */
export function viewerWindow(startIso, endIso, changeZone) {
  if (Number.isNaN(Date.parse(startIso || ''))) return { text: '', changeZoneText: '' };
  return { text: formatWindow(startIso, endIso, browserZone()), changeZoneText: `${formatWindow(startIso, endIso, changeZone)} in the change's time zone` };
}

/** "5 minutes ago" style text for recent activity. */
export function relative(iso) {
  const ms = Date.parse(iso || '');
  if (Number.isNaN(ms)) return '';
  const diff = (ms - Date.now()) / 1000;
  const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  const units = [['year', 31536000], ['month', 2592000], ['week', 604800], ['day', 86400], ['hour', 3600], ['minute', 60], ['second', 1]];
  for (const [unit, secs] of units) {
    if (Math.abs(diff) >= secs || unit === 'second') return rtf.format(Math.round(diff / secs), unit);
  }
  return '';
}
