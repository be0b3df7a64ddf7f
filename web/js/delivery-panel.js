// A change's or an announcement's delivery, per customer, as the server's one status reader gives it
// (GET …/{id}/status): a summary line over the rows, the rows problems first, SES's word on the sent emails,
// the recipients not reached; read again every few seconds while any customer is still on its way.
import { get, describeError } from './api.js';
import { el, clear, plural } from './dom.js';
import { formatDateTime } from './time.js';

const POLL_MS = 2000;
const POLL_IDLE_LIMIT = 90; // polls without any progress before giving up (3 minutes)
const ACTIVE = new Set(['queued', 'sending', 'retrying']);

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
function untoldWarning(code, topics, names) {
  const name = names.get(code) || code;
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

/** The card's heading and parts in `container` (a section labelled by h-delivery): {list, summary, note, updated}. */
function mountDelivery(container) {
  const nodes = {
    updated: el('span', { class: 'muted small', id: 'delivery-updated', 'aria-live': 'off' }),
    note: el('p', { class: 'muted small', id: 'delivery-note' }),
    summary: el('p', { class: 'delivery-summary', testid: 'delivery-summary', id: 'delivery-summary', 'aria-live': 'polite' }),
    list: el('ul', { class: 'deliveries', id: 'deliveries' }),
  };
  container.append(el('div', { class: 'row' }, el('h2', { id: 'h-delivery' }, 'Delivery'), el('span', { class: 'spacer' }), nodes.updated),
    nodes.note, nodes.summary, nodes.list);
  return nodes;
}

/**
 * container: the card it is built in; statusPath: the GET route; names: code → name; unsent(): nothing is sent
 * yet (a draft), said by unsentNote; failedActions(d): what a failed customer's row offers (retry, redrive), or null.
 * Returns {refresh, restart}: restart reads again and keeps polling as after any progress.
 */
export function createDeliveryPanel({ container, statusPath, names, unsent, unsentNote, failedActions = () => null }) {
  const state = { timer: null, idlePolls: 0, last: '' };
  const nodes = mountDelivery(container);

  function render(items) {
    const ul = nodes.list;
    nodes.summary.textContent = items.length ? `${plural(items.length, 'customer')}: ${deliverySummary(items)}` : '';
    if (!items.length) {
      clear(ul);
      return;
    }
    clear(ul, [...items].sort((a, b) => rank(a) - rank(b)).map((d) => {
      const code = d.customer;
      const total = d.total || 0;
      const pct = total ? Math.round(((d.sent || 0) / total) * 100) : (d.state === 'sent' ? 100 : 0);
      return el('li', { class: 'delivery', testid: `delivery-${code}`, dataset: { state: d.state || '', ...(untold(d).length ? { untold: 'true' } : {}) } },
        el('span', { class: 'name' }, names.get(code) || code),
        el('span', { class: 'state' }, describeDelivery(d)),
        el('span', { class: 'progress', role: 'img', 'aria-label': `${pct}% sent` }, el('span', { style: `width:${pct}%` })),
        d.updatedAt ? el('span', { class: 'muted small' }, formatDateTime(d.updatedAt, undefined, { timeStyle: 'medium' })) : null,
        untold(d).length ? untoldWarning(code, untold(d), names) : null,
        outcomeLine(d),
        problemList(d),
        d.state === 'retrying' ? el('span', { class: 'reason', testid: `reason-${code}` }, d.error || 'retrying') : null,
        d.state === 'failed' ? [
          el('span', { class: 'reason', testid: `reason-${code}` }, `Reason: ${d.error || 'not reported'}`),
          failedActions(d),
        ] : null);
    }));
  }

  function stop() {
    clearTimeout(state.timer);
    state.timer = null;
  }

  function schedule() {
    clearTimeout(state.timer);
    if (document.hidden) { state.timer = null; return; }
    state.timer = setTimeout(refresh, POLL_MS);
  }

  async function refresh() {
    if (unsent()) {
      nodes.note.textContent = unsentNote;
      render([]);
      stop();
      return;
    }
    try {
      const items = (await get(statusPath)).data.items || [];
      nodes.note.textContent = items.length ? '' : 'No deliveries recorded yet.';
      render(items);
      nodes.updated.textContent = `Updated ${new Date().toLocaleTimeString()}`;
      const signature = JSON.stringify(items.map((d) => [d.customer, d.state, d.sent, d.failed, d.outcomes]));
      state.idlePolls = signature === state.last ? state.idlePolls + 1 : 0;
      state.last = signature;
      // SES's word on each email comes seconds to minutes after the send: keep reading while some are pending.
      const busyCustomers = items.some((d) => ACTIVE.has(d.state) || (d.outcomes && d.outcomes.pending > 0));
      if (busyCustomers && state.idlePolls < POLL_IDLE_LIMIT) schedule(); else stop();
    } catch (err) {
      nodes.note.textContent = describeError(err, 'Loading the delivery status');
      schedule(); // transient: try again
    }
  }

  document.addEventListener('visibilitychange', () => {
    if (document.hidden) stop();
    else { state.idlePolls = 0; refresh(); }
  });

  return { refresh, restart: () => { state.idlePolls = 0; return refresh(); } };
}
