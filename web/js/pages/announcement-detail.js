// An announcement's page: what it says and to whom, its actions as the signed-in user may take them (publish,
// approve, cancel), per-customer delivery, the email per customer as the server renders it, its timeline,
// versions and their differences — the change page's parts, given the announcement's routes.
import '../layout.js';
import { get, getMe, announcementPath, versionFromEtag, customerNames, getCustomers, getAnnouncementTypes, query, describeError } from '../api.js';
import { el, clear, setStatus, params, statusLabel } from '../dom.js';
import { formatDateTime, formatWindow, browserZone } from '../time.js';
import { allows } from '../permissions.js';
import { performAction } from '../change-actions.js';
import { renderTimeline } from '../timeline.js';
import { createDeliveryPanel } from '../delivery-panel.js';
import { createVersionsPanel } from '../versions-panel.js';
import { createPreview, mountPreview } from '../change-preview.js';

const $ = (id) => document.getElementById(id);
const statusBox = $('detail-status');
const id = params().get('id');
const base = announcementPath(id || '');

const state = { announcement: null, me: null, version: undefined, names: new Map(), types: [], deliveries: null, versions: null };

const text = (node, value, empty = '—') => { node.textContent = value ? String(value) : empty; };
const customerName = (code) => (state.names.has(code) ? `${state.names.get(code)} (${code})` : code);
const typeOf = (name) => state.types.find((t) => t.name.toLowerCase() === String(name || '').toLowerCase());
const needsApproval = (a) => typeOf(a.announcement_type)?.approvalRequired !== false;

/** The event in its own zone: start to end (start + duration), and where. */
function eventText(a) {
  if (!a.include_meeting || !a.meeting_date) return '';
  const start = Date.parse(a.meeting_date);
  const end = Number.isNaN(start) || !a.meeting_duration ? null : new Date(start + a.meeting_duration * 60000).toISOString();
  return `${formatWindow(a.meeting_date, end, a.meeting_timezone)}${a.meeting_location ? ` · ${a.meeting_location}` : ''}`;
}

function render() {
  const a = state.announcement;
  document.title = `${a.announcement_id} ${a.title || ''} · ChangeMgmt`;
  text($('announcement-id'), a.announcement_id);
  text($('announcement-title'), a.title, '(untitled)');
  const badge = $('announcement-status');
  badge.textContent = statusLabel(a.status);
  badge.className = `badge badge-${a.status}`;
  text($('announcement-version'), state.version);
  const type = typeOf(a.announcement_type);
  text($('detail-type'), type ? `${type.displayName} — to subscribers of ${type.topic}${type.approvalRequired ? ', approved before it is sent' : ''}` : a.announcement_type);
  text($('detail-customers'), (a.customers || []).map(customerName).join(', '), 'None selected');
  text($('detail-summary'), a.summary);
  text($('detail-event'), eventText(a), 'No event');
  text($('detail-publish'), a.publishAt ? `${formatDateTime(a.publishAt)} (${browserZone()})` : 'When approved');
  clear($('detail-links'), (a.links || []).length
    ? el('ul', { class: 'plain-list' }, a.links.map((l) => el('li', {}, l.title || l.url, ' — ', el('span', { class: 'mono small' }, l.url))))
    : '—');
  text($('detail-created'), a.createdAt ? `${formatDateTime(a.createdAt)} by ${a.createdBy || 'unknown'}` : '');
  text($('detail-modified'), a.modifiedAt ? `${formatDateTime(a.modifiedAt)} by ${a.modifiedBy || 'unknown'}` : '');
  renderActions();
  renderTimeline($('timeline'), a.modifications);
  $('detail-body').hidden = false;
}

function renderActions() {
  const a = state.announcement;
  const show = { 'action-edit': ['draft', 'submitted'], 'action-submit': ['draft'], 'action-approve': ['submitted'], 'action-cancel': ['submitted', 'approved'] };
  for (const [testid, statuses] of Object.entries(show)) $(testid).hidden = !statuses.includes(a.status) || !allows(state.me, testid, a);
  $('action-edit').href = `announcement.html?id=${encodeURIComponent(a.announcement_id)}`;
  $('action-submit').textContent = needsApproval(a) ? 'Submit for approval' : 'Publish';
}

// ---------------------------------------------------------------- actions

const ACTIONS = {
  submit: { verb: (a) => (needsApproval(a) ? 'Submitted: an approver sends it' : 'Published: on its way to each customer'), progress: 'Submitting…' },
  approve: { verb: () => 'Approved: on its way to each customer', progress: 'Approving…',
    intro: 'Each customer\'s subscribers to the type\'s topic get the announcement (at the publish time, when one is set).' },
  cancel: { verb: () => 'Cancelled', progress: 'Cancelling…', confirm: 'Cancel announcement', intro: 'Nothing more is sent for it. Emails already sent are not called back.' },
};

async function runAction(action, button) {
  const spec = ACTIONS[action];
  try {
    const res = await performAction(action, state.announcement, state.version, {
      opener: button, path: base, label: state.announcement.announcement_id, intro: spec.intro, confirm: spec.confirm,
      send: (fn) => { setStatus(statusBox, spec.progress, 'busy'); return fn(); },
    });
    if (!res) { if (statusBox.dataset.kind === 'busy') setStatus(statusBox, ''); return; } // dismissed
    state.announcement = res.data.announcement;
    state.version = versionFromEtag(res.etag) ?? state.announcement.version;
    const scheduled = res.data.scheduledFor ? ` It is sent at ${formatDateTime(res.data.scheduledFor)}.` : '';
    render();
    setStatus(statusBox, `${spec.verb(state.announcement)} — now version ${state.version}.${scheduled}`, 'success');
    statusBox.focus();
    await Promise.all([state.deliveries.restart(), state.versions.load()]);
  } catch (err) {
    setStatus(statusBox, describeError(err, spec.progress.replace('…', '')), 'error');
  }
}

// ---------------------------------------------------------------- start

async function init() {
  if (!id) {
    $('announcement-title').textContent = 'No announcement selected';
    setStatus(statusBox, 'Open an announcement from the dashboard or Search.', 'error');
    return;
  }
  state.names = await customerNames();
  state.me = await getMe().catch(() => null);
  state.types = await getAnnouncementTypes().catch(() => []);
  try {
    const res = await get(base);
    state.announcement = res.data;
    state.version = versionFromEtag(res.etag) ?? res.data.version;
  } catch (err) {
    $('announcement-title').textContent = id;
    setStatus(statusBox, describeError(err, `Loading ${id}`), 'error');
    return;
  }
  state.deliveries = createDeliveryPanel({
    container: $('delivery-card'),
    statusPath: `${base}/status`, names: state.names,
    unsent: () => state.announcement.status === 'draft',
    unsentNote: 'Nothing is sent for a draft: each customer is told once it is published (and approved, for a type that needs it).',
  });
  state.versions = createVersionsPanel({
    base, container: $('history'),
    current: () => ({ object: state.announcement, version: state.version }), name: customerName,
  });
  const preview = createPreview({
    ...mountPreview($('preview-card'), 'The email this customer\'s subscribers get, rendered by the server from the saved version (nothing is sent).'),
    read: (customer) => get(`${base}/preview${query({ customer })}`),
  });
  render();
  const customers = await getCustomers().catch(() => []);
  const known = new Set(customers.map((c) => c.code));
  preview.offer([...customers, ...(state.announcement.customers || []).filter((c) => !known.has(c)).map((code) => ({ code, name: code }))],
    state.announcement.customers || []);
  if (params().get('submitted')) {
    setStatus(statusBox, `${ACTIONS.submit.verb(state.announcement)} — version ${state.version}.`, 'success');
    statusBox.focus();
  }
  state.deliveries.refresh();
  state.versions.load().catch((err) => clear($('versions'), el('li', { class: 'error' }, describeError(err, 'Loading versions'))));
}

for (const action of Object.keys(ACTIONS)) $(`action-${action}`).addEventListener('click', (e) => runAction(action, e.currentTarget));
init();
