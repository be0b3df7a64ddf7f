import '../layout.js';
import { get, post, del, getMe, changePath, ifMatch, versionFromEtag, customerNames, describeError, ApiError } from '../api.js';
import { el, clear, setStatus, params, busy, statusLabel, plural } from '../dom.js';
import { formatDateTime, formatWindow, browserZone } from '../time.js';
import { createDeliveryPanel } from '../delivery-panel.js';
import { createVersionsPanel } from '../versions-panel.js';
import { allows, approveInvitation } from '../permissions.js';
import { performAction } from '../change-actions.js';
import { renderTimeline, rejectionNote } from '../timeline.js';
import { renderWarnings, takeWarnings } from '../warnings.js';

const $ = (id) => document.getElementById(id);
const statusBox = $('detail-status');
const id = params().get('id');

const state = { change: null, me: null, version: undefined, names: new Map(), deliveries: null, versions: null };

// ---------------------------------------------------------------- rendering

const text = (node, value, empty = '—') => { node.textContent = value ? String(value) : empty; };
const customerName = (code) => (state.names.has(code) ? `${state.names.get(code)} (${code})` : code);

function render() {
  const c = state.change;
  document.title = `${c.changeId} ${c.changeTitle || ''} · ChangeMgmt`;
  text($('change-id'), c.changeId);
  text($('change-title'), c.changeTitle, '(untitled)');
  const badge = $('change-status');
  badge.textContent = statusLabel(c.status);
  badge.className = `badge badge-${c.status}`;
  text($('change-version'), state.version);

  text($('detail-schedule'), formatWindow(c.implementationStart, c.implementationEnd, c.timezone), 'Not scheduled');
  const localZone = browserZone();
  $('detail-schedule-local').textContent = c.implementationStart && c.timezone && c.timezone !== localZone
    ? `In your time zone: ${formatWindow(c.implementationStart, c.implementationEnd, localZone)}` : '';
  text($('detail-customers'), (c.customers || []).map((code) => `${state.names.get(code) || code} (${code})`).join(', '), 'None selected');
  text($('detail-snow'), c.snowTicket);
  text($('detail-jira'), c.jiraTicket);
  text($('detail-created'), c.createdAt ? `${formatDateTime(c.createdAt)} by ${c.createdBy || 'unknown'}` : '');
  text($('detail-modified'), c.modifiedAt ? `${formatDateTime(c.modifiedAt)} by ${c.modifiedBy || 'unknown'}` : '');
  for (const [key, prop] of [['reason', 'changeReason'], ['implementation-plan', 'implementationPlan'], ['test-plan', 'testPlan'],
    ['customer-impact', 'customerImpact'], ['rollback-plan', 'rollbackPlan']]) {
    text($(`detail-${key}`), c[prop]);
  }
  renderEmergency(c.emergency);
  renderActions();
  renderTimeline($('timeline'), c.modifications);
  clear($('rejection'), rejectionNote(c));
  $('detail-body').hidden = false;
}

/** An emergency change (submitted or approved despite a freeze): the badge, and who said why, over which freezes. */
function renderEmergency(emergency) {
  $('change-emergency').hidden = !emergency;
  const note = $('emergency-note');
  note.hidden = !emergency;
  if (!emergency) return;
  const freezes = (emergency.freezes || []).map((f) => f.name || f.freezeId);
  note.textContent = `Emergency change${freezes.length ? ` despite the freeze ${freezes.join(', ')}` : ''}: ${emergency.reason} (${emergency.by || 'unknown'}, ${formatDateTime(emergency.at)})`;
}

function renderActions() {
  const s = state.change.status;
  const show = {
    'action-edit': ['draft', 'submitted', 'approved', 'rejected'],
    'action-submit': ['draft', 'rejected'],
    'action-approve': ['submitted'],
    'action-reject': ['submitted'],
    'action-complete': ['approved'],
    'action-cancel': ['draft', 'submitted', 'approved', 'rejected'],
    'action-delete': ['draft'],
  };
  for (const [testid, statuses] of Object.entries(show)) $(testid).hidden = !statuses.includes(s) || !allows(state.me, testid, state.change);
  $('action-edit').href = `change.html?id=${encodeURIComponent(state.change.changeId)}`;
  $('action-submit').textContent = s === 'rejected' ? 'Submit again' : 'Submit for approval';
}

// ---------------------------------------------------------------- delivery status

/** A failed customer's row: Retry (write its trigger again), and Redrive for an admin. */
const failedActions = (d) => [
  el('button', { type: 'button', class: 'btn btn-small', testid: `retry-${d.customer}`, on: { click: (e) => retry(d.customer, e.currentTarget) } }, 'Retry'),
  allows(state.me, 'action-redrive', state.change)
    ? el('button', { type: 'button', class: 'btn btn-small', testid: `redrive-${d.customer}`, title: 'Send this customer\'s dead letters back to its queue',
      on: { click: (e) => redrive(d.customer, e.currentTarget) } }, 'Redrive')
    : null,
];

const refreshDeliveries = () => state.deliveries.restart();
const loadVersions = () => state.versions.load();

async function retry(code, button) {
  await busy(button, async () => {
    try {
      const { data } = await post(`${changePath(id)}/triggers`, { customers: [code] });
      const t = (data.triggers || data.items || []).find((x) => x.customerCode === code);
      setStatus(statusBox, t && t.written === false
        ? `Retrying ${state.names.get(code) || code} failed: ${t.error || 'unknown error'}.`
        : `Delivery to ${state.names.get(code) || code} queued again.`, t && t.written === false ? 'error' : 'success');
      await refreshDeliveries();
    } catch (err) {
      setStatus(statusBox, describeError(err, `Retrying ${code}`), 'error');
    }
  });
}

/** Sends the customer's dead letters back to its queue (POST /api/dead-letters/redrive, admin). */
async function redrive(code, button) {
  const name = state.names.get(code) || code;
  await busy(button, async () => {
    try {
      const { data } = await post(`/api/dead-letters/redrive?customer=${encodeURIComponent(code)}`, {});
      setStatus(statusBox, data.redriven
        ? `${data.redriven} dead ${data.redriven === 1 ? 'letter' : 'letters'} of ${name} sent back to its queue.`
        : `${name} has no dead letters to redrive.`, 'success');
      await refreshDeliveries();
    } catch (err) {
      setStatus(statusBox, describeError(err, `Redriving ${name}`), 'error');
    }
  });
}

// ---------------------------------------------------------------- actions

const ACTIONS = {
  submit: { verb: 'Submitted', progress: 'Submitting…' },
  approve: { verb: 'Approved', progress: 'Approving…' },
  reject: { verb: 'Rejected: sent back to its author', progress: 'Rejecting…' },
  complete: { verb: 'Marked completed', progress: 'Completing…' },
  cancel: { verb: 'Cancelled', progress: 'Cancelling…' },
};

function explainConflict(err) {
  if (err instanceof ApiError && (err.status === 409 || err.status === 412)) {
    statusBox.append(' ', el('button', { type: 'button', class: 'btn btn-small', on: { click: () => location.reload() } }, 'Reload'));
  }
}

/** The dialog (comment, reason, override) first, then the action; the result, its warnings and the focus on the status. */
async function runAction(action, button) {
  const spec = ACTIONS[action];
  const send = (fn) => { setStatus(statusBox, spec.progress, 'busy'); return busy(button, fn); };
  try {
    const res = await performAction(action, state.change, state.version, { opener: button, send });
    if (!res) { if (statusBox.dataset.kind === 'busy') setStatus(statusBox, ''); return; } // dismissed
    const change = res.data.change || res.data;
    state.change = change;
    state.version = versionFromEtag(res.etag) ?? change.version;
    const triggers = res.data.triggers || [];
    const failed = triggers.filter((t) => !t.written);
    render();
    renderWarnings($('detail-warnings'), res.data.warnings);
    setStatus(statusBox, `${spec.verb} — now version ${state.version}.${triggers.length ? ` Notifying ${triggers.length - failed.length} of ${plural(triggers.length, 'customer')}.` : ''}${failed.length ? ` Could not queue: ${failed.map((t) => `${t.customerCode} (${t.error || 'error'})`).join(', ')}.` : ''}`, failed.length ? 'error' : 'success');
    statusBox.focus();
    await Promise.all([refreshDeliveries(), loadVersions()]);
  } catch (err) {
    setStatus(statusBox, describeError(err, spec.progress.replace('…', '')), 'error');
    explainConflict(err);
  }
}

async function deleteDraft(button) {
  if (!window.confirm('Delete this draft? It cannot be submitted afterwards.')) return;
  await busy(button, async () => {
    try {
      await del(changePath(id), { headers: ifMatch(state.version) });
      setStatus(statusBox, 'Draft deleted. Going to My changes…', 'success');
      try { sessionStorage.removeItem(`changemgmt.form.${id}`); } catch { /* storage unavailable */ }
      setTimeout(() => location.assign('changes.html'), 800);
    } catch (err) {
      setStatus(statusBox, describeError(err, 'Deleting'), 'error');
      explainConflict(err);
    }
  });
}

/** An emailed approve link: the Approve button ready and focused, or why it is not there. */
function showApproveInvitation() {
  const invitation = approveInvitation(state.me, state.change);
  setStatus(statusBox, invitation.message, invitation.ready ? 'info' : 'error');
  if (!invitation.ready) return;
  const button = $('action-approve');
  button.classList.add('btn-invited');
  button.focus();
}

// ---------------------------------------------------------------- start

async function init() {
  if (!id) {
    $('change-title').textContent = 'No change selected';
    setStatus(statusBox, 'Open a change from the dashboard, My changes or Search.', 'error');
    return;
  }
  state.names = await customerNames();
  state.me = await getMe().catch(() => null);
  try {
    const res = await get(changePath(id));
    state.change = res.data;
    state.version = versionFromEtag(res.etag) ?? res.data.version;
  } catch (err) {
    $('change-title').textContent = id;
    setStatus(statusBox, describeError(err, `Loading ${id}`), 'error');
    return;
  }
  state.deliveries = createDeliveryPanel({
    container: $('delivery-card'),
    statusPath: `${changePath(id)}/status`, names: state.names, failedActions,
    unsent: () => state.change.status === 'draft',
    unsentNote: 'Nothing is sent for a draft: each customer is notified when the change is submitted.',
  });
  state.versions = createVersionsPanel({
    base: changePath(id), container: $('history'),
    current: () => ({ object: state.change, version: state.version }), name: customerName,
  });
  render();
  const p = params();
  if (p.get('action') === 'approve') showApproveInvitation();
  if (p.get('submitted')) {
    setStatus(statusBox, `Submitted — version ${state.version}. Approval requests are on their way to each customer.${p.get('failed') ? ` ${p.get('failed')} customer trigger(s) could not be written; retry below.` : ''}`, p.get('failed') ? 'error' : 'success');
    renderWarnings($('detail-warnings'), takeWarnings(id));
    statusBox.focus(); // the result of the Submit that brought the person here, read out first
  }
  refreshDeliveries();
  loadVersions().catch((err) => clear($('versions'), el('li', { class: 'error' }, describeError(err, 'Loading versions'))));
}

for (const action of Object.keys(ACTIONS)) $(`action-${action}`).addEventListener('click', (e) => runAction(action, e.currentTarget));
$('action-delete').addEventListener('click', (e) => deleteDraft(e.currentTarget));

init();
