import '../layout.js';
import { get, getCustomers, getHealth, query, describeError } from '../api.js';
import { el, clear, setStatus, params, fillSelect, customerOptions, busy, mailFrame } from '../dom.js';
import { formatDateTime } from '../time.js';

const $ = (id) => document.getElementById(id);
const statusBox = $('outbox-status');
const list = $('outbox-list');
const select = $('outbox-customer');
const state = { token: null, seq: 0, current: null };
// One column (phones): the message is below the whole list, so showing one moves the reader to it.
const stacked = () => matchMedia('(max-width: 720px)').matches;

function messageRow(m) {
  const button = el('button', { type: 'button', class: 'outbox-message', testid: 'outbox-message', dataset: { messageId: m.messageId },
    on: { click: () => show(m, button) } },
  el('span', { class: 's' }, m.subject || '(no subject)'),
  el('span', { class: 'm' }, `To ${m.to || '?'}`),
  el('span', { class: 'm' }, `${m.customerCode || ''}${m.topic ? ` · ${m.topic}` : ''} · ${formatDateTime(m.sentAt || m.timestamp, undefined, { timeStyle: 'medium' })}`));
  return el('li', {}, button);
}

async function load(more = false) {
  const seq = ++state.seq;
  if (!more) { state.token = null; clear(list); }
  history.replaceState(null, '', `outbox.html${query({ customer: select.value })}`);
  setStatus(statusBox, 'Loading…', 'busy');
  try {
    const { data } = await get(`/api/outbox${query({ customer: select.value, pageSize: 50, pageToken: state.token })}`);
    if (seq !== state.seq) return;
    const items = data.items || [];
    state.token = data.nextPageToken || null;
    list.append(...items.map(messageRow));
    if (!list.children.length) list.append(el('li', { class: 'muted', style: 'padding:.75rem' }, 'Nothing sent yet.'));
    $('outbox-more').hidden = !state.token;
    setStatus(statusBox, '');
  } catch (err) {
    if (seq !== state.seq) return;
    setStatus(statusBox, describeError(err, 'Loading the outbox'), 'error');
  }
}

const escapeHtml = (text) => text.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' }[c]));
const header = (msg, name) => (msg.headers || []).find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;

/** [label, value] for the message's details; empty values are left out. */
function metaRows(msg, m) {
  return [['Subject', msg.subject || m.subject], ['From', msg.from || m.from], ['To', msg.to || m.to],
    ['Sent', formatDateTime(m.sentAt, undefined, { timeStyle: 'medium' })], ['Topic', m.topic],
    ['Unsubscribe', header(msg, 'List-Unsubscribe')],
    ['Attachments', (msg.attachments || []).map((a) => `${a.fileName || '(unnamed)'} (${a.contentType})`).join(', ')]];
}

async function show(m, button) {
  for (const b of list.querySelectorAll('.outbox-message')) b.removeAttribute('aria-current');
  button.setAttribute('aria-current', 'true');
  $('message-empty').hidden = true;
  const body = $('message-body');
  clear(body, el('p', { class: 'muted' }, 'Loading…'));
  try {
    // The server reads the MIME (decoded headers, bodies, attachment names); the HTML stays in a sandboxed frame.
    const path = `/api/outbox/${encodeURIComponent(m.messageId)}`;
    const { data: msg } = await get(path);
    const meta = $('message-meta');
    meta.hidden = false;
    clear(meta, metaRows(msg, m).filter(([, v]) => v).map(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
    const html = msg.html || (msg.text ? `<pre style="white-space:pre-wrap;font-family:sans-serif">${escapeHtml(msg.text)}</pre>` : '');
    clear(body, mailFrame(html, `Email: ${msg.subject || m.subject || ''}`, { testid: 'outbox-html' }),
      el('p', { class: 'small' }, el('a', { href: `${path}/eml`, download: `${m.messageId}.eml`, testid: 'outbox-eml' }, 'Download .eml')));
  } catch (err) {
    clear(body, el('p', { class: 'error' }, describeError(err, 'Loading the message')));
  }
  state.current = button;
  if (stacked()) {
    $('message-h').focus({ preventScroll: true });
    $('message-view').scrollIntoView({ block: 'start' });
  }
}

function backToList() {
  const button = state.current && state.current.isConnected ? state.current : list.querySelector('.outbox-message');
  if (button) { button.focus({ preventScroll: true }); button.scrollIntoView({ block: 'center' }); }
}

async function init() {
  try {
    const health = await getHealth();
    if (health.mode !== 'local') {
      setStatus(statusBox, 'The outbox exists only in local mode; on AWS the customers\u2019 SES accounts send the email.', 'info');
      return;
    }
  } catch { /* try anyway */ }
  try {
    fillSelect(select, await customerOptions(getCustomers), params().get('customer') || '');
  } catch { /* keep "All customers" */ }
  load();
}

select.addEventListener('change', () => load());
$('message-back').addEventListener('click', backToList);
$('outbox-refresh').addEventListener('click', (e) => busy(e.currentTarget, () => load()));
$('outbox-more').addEventListener('click', (e) => busy(e.currentTarget, () => load(true)));
init();
