import '../layout.js';
import { get, getCustomers, ApiError, describeError } from '../api.js';
import { fillNotReady } from '../readiness.js';
import { fillAtRisk } from '../reputation.js';
import { el, byTestId, clear, setStatus, statusBadge, detailHref, announcementHref, STATUSES } from '../dom.js';
import { formatDateTime, relative, browserZone, viewerWindow } from '../time.js';

const status = document.getElementById('dashboard-status');

/** When /api/stats is not available, derive the same figures from the change list. */
async function statsFromList() {
  const items = [];
  let token;
  for (let i = 0; i < 10; i += 1) {
    const { data } = await get(`/api/changes?pageSize=200${token ? `&pageToken=${encodeURIComponent(token)}` : ''}`);
    items.push(...(data.items || []));
    token = data.nextPageToken;
    if (!token) break;
  }
  const byStatus = Object.fromEntries(STATUSES.map((s) => [s, 0]));
  for (const c of items) byStatus[c.status] = (byStatus[c.status] || 0) + 1;
  const now = Date.now();
  const upcoming = items
    .filter((c) => (c.status === 'approved' || c.status === 'submitted') && Date.parse(c.implementationEnd || c.implementationStart) >= now)
    .sort((a, b) => Date.parse(a.implementationStart) - Date.parse(b.implementationStart)).slice(0, 10);
  const byModified = [...items].sort((a, b) => Date.parse(b.modifiedAt) - Date.parse(a.modifiedAt));
  return {
    byStatus,
    awaitingApproval: byModified.filter((c) => c.status === 'submitted').slice(0, 10),
    upcoming,
    recent: byModified.slice(0, 10),
  };
}

/** A change or an announcement (it has announcementId) by its id and title, to its page. */
function changeLink(c) {
  return c.announcementId
    ? el('a', { href: announcementHref(c.announcementId) }, el('span', { class: 'mono' }, c.announcementId), ' ', c.title || '(untitled)',
      el('span', { class: 'muted small' }, ' · Announcement'))
    : el('a', { href: detailHref(c.changeId) }, el('span', { class: 'mono' }, c.changeId), ' ', c.changeTitle || '(untitled)');
}

function fillList(testid, items, render, emptyText) {
  const ul = byTestId(testid);
  if (!items || !items.length) {
    clear(ul, el('li', { class: 'empty' }, emptyText));
    return;
  }
  clear(ul, items.map((c) => el('li', { dataset: { id: c.announcementId || c.changeId, kind: c.announcementId ? 'announcement' : 'change' } }, render(c))));
}

const KIND = document.getElementById('dashboard-kind');
const byModified = (a, b) => Date.parse(b.modifiedAt || 0) - Date.parse(a.modifiedAt || 0);

/** The changes' list and the announcements' together, newest first, as many as the changes' list holds, of the kind chosen. */
function ofKind(changes = [], announcements = []) {
  const kind = KIND.value;
  const items = [...(kind === 'announcements' ? [] : changes), ...(kind === 'changes' ? [] : announcements)];
  return items.sort(byModified).slice(0, Math.max(10, changes.length));
}

/** The latest announcements and those awaiting approval (none when this server has no announcements). */
async function announcementLists() {
  const list = async (status) => {
    try {
      return (await get(`/api/announcements?pageSize=10${status ? `&status=${status}` : ''}`)).data.items || [];
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return [];
      throw e;
    }
  };
  const [awaiting, recent] = await Promise.all([list('submitted'), list('')]);
  return { awaiting, recent };
}

/** A window in the viewer's zone (as the legend says), the change's own zone on hover and for screen readers. */
function upcomingWindow(c) {
  const shown = viewerWindow(c.implementationStart, c.implementationEnd, c.timezone);
  return el('span', { class: 'when', style: 'flex-basis:100%', testid: `upcoming-window-${c.changeId}` },
    el('time', { datetime: c.implementationStart, title: shown.changeZoneText }, shown.text),
    el('span', { class: 'visually-hidden' }, `; ${shown.changeZoneText}`));
}

async function loadReadiness() {
  try {
    fillNotReady(byTestId('not-ready'), await getCustomers());
  } catch (e) {
    clear(byTestId('not-ready'), el('li', { class: 'empty' }, `Not available: ${describeError(e, 'Reading customers')}`));
  }
}

async function loadReputation() {
  try {
    fillAtRisk(byTestId('at-risk'), (await get('/api/reputation')).data.items || [], await getCustomers());
  } catch (e) {
    clear(byTestId('at-risk'), el('li', { class: 'empty' }, `Not available: ${describeError(e, 'Reading reputation')}`));
  }
}

const loaded = { stats: null, announcements: { awaiting: [], recent: [] } };

async function load() {
  byTestId('upcoming-legend').textContent = `Times in your time zone (${browserZone()}); each change's own zone on hover.`;
  let stats;
  try {
    stats = (await get('/api/stats')).data;
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 404) throw e;
    stats = await statsFromList();
  }
  for (const s of STATUSES) byTestId(`count-${s}`).textContent = String((stats.byStatus || {})[s] ?? 0);
  loaded.stats = stats;
  loaded.announcements = await announcementLists();
  fillLists();
}

/** The lists of the kind chosen: awaiting approval and recent activity hold both kinds; upcoming windows are changes'. */
function fillLists() {
  const { stats, announcements } = loaded;
  fillList('awaiting-approval', ofKind(stats.awaitingApproval, announcements.awaiting), (c) => [
    el('span', { class: 'title' }, changeLink(c)),
    el('span', { class: 'when' }, c.submittedAt ? `submitted ${relative(c.submittedAt)}` : formatDateTime(c.modifiedAt)),
  ], 'Nothing is waiting for approval.');

  fillList('upcoming', KIND.value === 'announcements' ? [] : stats.upcoming, (c) => [
    el('span', { class: 'title' }, changeLink(c)),
    statusBadge(c.status),
    upcomingWindow(c),
  ], 'No implementation windows coming up.');

  fillList('recent', ofKind(stats.recent, announcements.recent), (c) => [
    el('span', { class: 'title' }, changeLink(c)),
    statusBadge(c.status),
    el('span', { class: 'when', style: 'flex-basis:100%', title: formatDateTime(c.modifiedAt) },
      `${c.modifiedBy ? `${c.modifiedBy} · ` : ''}${relative(c.modifiedAt)}`),
  ], 'No activity yet.');
}

KIND.addEventListener('change', () => { if (loaded.stats) fillLists(); });
loadReadiness();
loadReputation();
load().catch((e) => {
  setStatus(status, describeError(e, 'Loading the dashboard'), 'error');
  for (const id of ['awaiting-approval', 'upcoming', 'recent']) clear(byTestId(id), el('li', { class: 'empty' }, 'Not available.'));
});
