import '../layout.js';
import { get, post, del, getMe, changePath, ifMatch, versionFromEtag, customerNames, describeError, ApiError } from '../api.js';
import { el, clear, setStatus, params, busy, statusLabel, fillSelect, plural } from '../dom.js';
import { formatDateTime, formatWindow, browserZone } from '../time.js';
import { diffChanges, renderDiff } from '../diff.js';
import { allows, approveInvitation } from '../permissions.js';
import { performAction } from '../change-actions.js';
import { renderTimeline, rejectionNote } from '../timeline.js';
import { renderWarnings, takeWarnings } from '../warnings.js';

const $ = (id) => document.getElementById(id);
const statusBox = $('detail-status');
const id = params().get('id');

const POLL_MS = 2000;
const POLL_IDLE_LIMIT = 90; // polls without any progress before giving up (3 minutes)
const ACTIVE = new Set(['queued', 'sending', 'retrying']);

const state = { change: null, me: null, version: undefined, names: new Map(), versionCache: new Map(), pollTimer: null, idlePolls: 0, lastDelivery: '' };

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
  renderActions();
  renderTimeline($('timeline'), c.modifications);
  clear($('rejection'), rejectionNote(c));
  $('detail-body').hidden = false;
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

// ---------------------------------------------------------------- versions and diff

async function loadVersions() {
  let items;
  try {
    items = (await get(`${changePath(id)}/versions`)).data.items || [];
  } catch (err) {
    if (!(err instanceof ApiError) || (err.status !== 404 && err.status !== 405)) throw err;
    // No version list on this server: derive it from the modifications (every write bumps the version).
    const byVersion = new Map();
    for (const m of state.change.modifications || []) if (m.version) byVersion.set(m.version, { version: m.version, modifiedAt: m.timestamp, modifiedBy: m.user_id, type: m.modification_type });
    for (let v = 1; v <= state.version; v += 1) if (!byVersion.has(v)) byVersion.set(v, { version: v });
    items = [...byVersion.values()];
  }
  items.sort((a, b) => b.version - a.version);
  const ul = $('versions');
  clear(ul, items.map((v) => el('li', { dataset: { version: v.version } },
    el('strong', {}, `v${v.version}`),
    v.status ? [' · ', statusLabel(v.status)] : (v.type ? [' · ', v.type] : null),
    v.modifiedAt ? el('span', { class: 'muted' }, ` · ${formatDateTime(v.modifiedAt)}`) : null,
    v.modifiedBy ? el('span', { class: 'muted' }, ` · ${v.modifiedBy}`) : null,
    v.version > 1 ? [' ', el('button', { type: 'button', class: 'link-button small', on: { click: () => compare(v.version - 1, v.version, true) } }, `compare with v${v.version - 1}`)] : null)));

  const options = items.map((v) => ({ value: String(v.version), label: `Version ${v.version}${v.version === state.version ? ' (current)' : ''}` }));
  fillSelect($('diff-from'), options);
  fillSelect($('diff-to'), options);
  if (state.version > 1) compare(state.version - 1, state.version, false);
  else clear($('diff'), el('p', { class: 'muted' }, 'There is only one version so far.'));
}

async function versionObject(n) {
  if (n === state.version) return state.change;
  if (!state.versionCache.has(n)) {
    state.versionCache.set(n, get(`${changePath(id)}/versions/${n}`).then((r) => r.data).catch((e) => { state.versionCache.delete(n); throw e; }));
  }
  return state.versionCache.get(n);
}

async function compare(from, to, focus) {
  $('diff-from').value = String(from);
  $('diff-to').value = String(to);
  const out = $('diff');
  clear(out, el('p', { class: 'muted' }, 'Comparing…'));
  try {
    const [a, b] = await Promise.all([versionObject(from), versionObject(to)]);
    if ($('diff-from').value !== String(from) || $('diff-to').value !== String(to)) return; // superseded
    clear(out, renderDiff(diffChanges(a, b), `Version ${from}`, `Version ${to}`, { name: customerName }));
    if (focus) $('diff-from').focus();
  } catch (err) {
    clear(out, el('p', { class: 'error' }, describeError(err, 'Loading the versions')));
  }
}

const onDiffSelect = () => compare(Number($('diff-from').value), Number($('diff-to').value), false);

// ---------------------------------------------------------------- delivery status

/** Per-customer status of the current version (GET /status): the server's one reader, nothing derived here. */
async function fetchDeliveryStatus() {
  return (await get(`${changePath(id)}/status`)).data.items || [];
}

/** The topics a processed notification reached nobody on: "sent 0 of 0" is nobody told, not success. */
const untold = (d) => (d.state === 'sent' ? d.topicsWithoutRecipients || [] : []);
const toldNobody = (d) => untold(d).length > 0 && !d.total;

function describeDelivery(d) {
  const total = d.total ?? (d.sent || 0) + (d.failed || 0);
  switch (d.state) {
    case 'sent': return toldNobody(d) ? 'nobody was told' : `sent ${d.sent ?? total} of ${total}`;
    case 'sending': return `sending — ${d.sent || 0} of ${total || '?'} delivered so far`;
    case 'queued': return 'queued';
    case 'retrying': return `retrying — ${d.sent || 0} of ${total || '?'} delivered so far`;
    case 'failed': return `failed — ${d.sent || 0} of ${total} delivered${d.failed ? `, ${d.failed} not` : ''}`;
    case 'pending': return 'pending';
    default: return d.state || 'unknown';
  }
}

/** What a person should fix for a customer whose subscribers never got the notification of a topic. */
function untoldWarning(code, topics) {
  const name = state.names.get(code) || code;
  const list = topics.join(', ');
  return el('span', { class: 'reason warning', testid: `warning-${code}` },
    `No subscribers to ${list} at ${name}: nobody there was told. Fix: add contacts (`,
    el('code', {}, `Add-SesContact -Customer ${code} -EmailAddress <address> -Topic ${topics[0]}`),
    ') or opt existing ones in (', el('code', {}, `Set-SesContactSubscription -Customer ${code} -EmailAddress <address> -Topic ${topics[0]} -Status OptIn`),
    ').');
}

/** What SES said about the sent emails: "3 delivered · 1 bounced · 1 complaint · 2 pending" (nothing before any was sent). */
function outcomeLine(d) {
  const o = d.outcomes;
  if (!o || !d.sent) return null;
  const parts = [[o.delivered, 'delivered'], [o.bounced, 'bounced'], [o.complained, o.complained === 1 ? 'complaint' : 'complaints'],
    [o.rejected, 'rejected'], [o.pending, 'pending']].filter(([n]) => n).map(([n, w]) => `${n} ${w}`);
  return el('span', { class: 'outcomes muted small', testid: `outcomes-${d.customer}` }, parts.join(' · '));
}

const OUTCOME_WORDS = { bouncedPermanent: 'bounced', bouncedTransient: 'bounced (temporary)', rejected: 'rejected', complained: 'complained' };

/** The recipients not reached (or who complained), each with SES's reason, folded so 30 customers stay readable. */
function problemList(d) {
  const problems = d.problems || [];
  if (!problems.length) return null;
  const o = d.outcomes || {};
  const counted = (o.bounced || 0) + (o.complained || 0) + (o.rejected || 0) + (d.failed || 0);
  return el('details', { class: 'problems', testid: `problems-${d.customer}` },
    el('summary', {}, `${plural(counted, 'recipient')} not reached or complaining${counted > problems.length ? ` (latest ${problems.length} shown)` : ''}`),
    el('ul', {}, problems.map((p) => el('li', { testid: `problem-${d.customer}-${p.recipient}` },
      el('span', { class: 'mono' }, p.recipient), ' — ',
      el('strong', {}, p.state === 'failed' ? 'not sent' : OUTCOME_WORDS[p.outcome] || p.outcome), p.reason ? `: ${p.reason}` : '',
      p.at ? el('span', { class: 'muted small' }, ` · ${formatDateTime(p.at)}`) : null))));
}

// Problems first: at 30 customers the one that failed must not hide among the sent.
const SEVERITY = ['failed', 'retrying', 'untold', 'sending', 'queued', 'pending', 'sent'];
const severityOf = (d) => (toldNobody(d) ? 'untold' : d.state);
const rank = (d) => { const i = SEVERITY.indexOf(severityOf(d)); return i < 0 ? SEVERITY.length : i; };
const SUMMARY_ORDER = ['sent', 'untold', 'sending', 'retrying', 'queued', 'pending', 'failed'];
const summaryWord = (key) => (key === 'untold' ? 'told nobody' : key);

/** "28 sent, 1 sending, 1 failed" over every customer's row. */
function deliverySummary(items) {
  const counts = new Map();
  for (const d of items) counts.set(severityOf(d), (counts.get(severityOf(d)) || 0) + 1);
  const keys = [...SUMMARY_ORDER, ...[...counts.keys()].filter((k) => !SUMMARY_ORDER.includes(k))];
  return keys.filter((k) => counts.get(k)).map((k) => `${counts.get(k)} ${summaryWord(k)}`).join(', ');
}

function renderDeliveries(items) {
  const ul = $('deliveries');
  $('delivery-summary').textContent = items.length ? `${plural(items.length, 'customer')}: ${deliverySummary(items)}` : '';
  if (!items.length) {
    clear(ul);
    return;
  }
  clear(ul, [...items].sort((a, b) => rank(a) - rank(b)).map((d) => {
    const code = d.customer;
    const total = d.total || 0;
    const pct = total ? Math.round(((d.sent || 0) / total) * 100) : (d.state === 'sent' ? 100 : 0);
    return el('li', { class: 'delivery', testid: `delivery-${code}`, dataset: { state: d.state || '', ...(untold(d).length ? { untold: 'true' } : {}) } },
      el('span', { class: 'name' }, state.names.get(code) || code),
      el('span', { class: 'state' }, describeDelivery(d)),
      el('span', { class: 'progress', role: 'img', 'aria-label': `${pct}% sent` }, el('span', { style: `width:${pct}%` })),
      d.updatedAt ? el('span', { class: 'muted small' }, formatDateTime(d.updatedAt, undefined, { timeStyle: 'medium' })) : null,
      untold(d).length ? untoldWarning(code, untold(d)) : null,
      outcomeLine(d),
      problemList(d),
      d.state === 'retrying' ? el('span', { class: 'reason', testid: `reason-${code}` }, d.error || 'retrying') : null,
      d.state === 'failed' ? [
        el('span', { class: 'reason', testid: `reason-${code}` }, `Reason: ${d.error || 'not reported'}`),
        el('button', { type: 'button', class: 'btn btn-small', testid: `retry-${code}`, on: { click: (e) => retry(code, e.currentTarget) } }, 'Retry'),
        allows(state.me, 'action-redrive', state.change)
          ? el('button', { type: 'button', class: 'btn btn-small', testid: `redrive-${code}`, title: 'Send this customer\'s dead letters back to its queue',
            on: { click: (e) => redrive(code, e.currentTarget) } }, 'Redrive')
          : null,
      ] : null);
  }));
}

async function refreshDeliveries() {
  const note = $('delivery-note');
  if (state.change.status === 'draft') {
    note.textContent = 'Nothing is sent for a draft: each customer is notified when the change is submitted.';
    renderDeliveries([]);
    stopPolling();
    return;
  }
  try {
    const items = await fetchDeliveryStatus();
    note.textContent = items.length ? '' : 'No deliveries recorded yet.';
    renderDeliveries(items);
    $('delivery-updated').textContent = `Updated ${new Date().toLocaleTimeString()}`;
    const signature = JSON.stringify(items.map((d) => [d.customer, d.state, d.sent, d.failed, d.outcomes]));
    state.idlePolls = signature === state.lastDelivery ? state.idlePolls + 1 : 0;
    state.lastDelivery = signature;
    // SES's word on each email comes seconds to minutes after the send: keep reading while some are pending.
    const busyCustomers = items.some((d) => ACTIVE.has(d.state) || (d.outcomes && d.outcomes.pending > 0));
    if (busyCustomers && state.idlePolls < POLL_IDLE_LIMIT) schedulePoll(); else stopPolling();
  } catch (err) {
    note.textContent = describeError(err, 'Loading the delivery status');
    schedulePoll(); // transient: try again
  }
}

function schedulePoll() {
  clearTimeout(state.pollTimer);
  if (document.hidden) { state.pollTimer = null; return; }
  state.pollTimer = setTimeout(refreshDeliveries, POLL_MS);
}

function stopPolling() {
  clearTimeout(state.pollTimer);
  state.pollTimer = null;
}

document.addEventListener('visibilitychange', () => {
  if (document.hidden) stopPolling();
  else if (state.change) { state.idlePolls = 0; refreshDeliveries(); }
});

async function retry(code, button) {
  await busy(button, async () => {
    try {
      const { data } = await post(`${changePath(id)}/triggers`, { customers: [code] });
      const t = (data.triggers || data.items || []).find((x) => x.customerCode === code);
      setStatus(statusBox, t && t.written === false
        ? `Retrying ${state.names.get(code) || code} failed: ${t.error || 'unknown error'}.`
        : `Delivery to ${state.names.get(code) || code} queued again.`, t && t.written === false ? 'error' : 'success');
      state.idlePolls = 0;
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
      state.idlePolls = 0;
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
    state.idlePolls = 0;
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
$('diff-from').addEventListener('change', onDiffSelect);
$('diff-to').addEventListener('change', onDiffSelect);

init();
