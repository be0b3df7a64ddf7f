// A recipient's own preferences, opened from an email's link: the token in the URL is the only credential.
// Self-contained (no shared modules): the sign-in function serves this page, this script and its stylesheet without
// a session, and nothing else. Every value from the API is set as text or a property, never as markup.

const token = new URLSearchParams(location.search).get('token') || '';
const api = `/api/preferences?token=${encodeURIComponent(token)}`;
const $ = (id) => document.getElementById(id);

function status(message, kind = 'info') {
  const node = $('prefs-status');
  node.textContent = message;
  node.dataset.kind = kind;
}

async function call(method, body) {
  const response = await fetch(api, {
    method,
    credentials: 'omit',
    headers: body ? { 'Content-Type': 'application/json', Accept: 'application/json' } : { Accept: 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  const data = await response.json().catch(() => null);
  if (response.status === 401) throw new Error('This link has expired or is not valid. Use the preferences link in a recent email.');
  if (!response.ok) throw new Error(data?.detail || data?.title || `The request failed (${response.status}).`);
  return data;
}

function topicItem(topic) {
  const box = Object.assign(document.createElement('input'), { type: 'checkbox', name: 'topic', value: topic.name, checked: topic.status === 'OPT_IN' });
  box.dataset.testid = `prefs-topic-${topic.name}`;
  const name = Object.assign(document.createElement('span'), { textContent: topic.displayName || topic.name });
  const description = Object.assign(document.createElement('span'), { className: 'description', textContent: topic.description || '' });
  const text = document.createElement('span');
  text.append(name, description);
  const label = document.createElement('label');
  label.append(box, text);
  const item = document.createElement('li');
  item.append(label);
  return item;
}

function show(prefs) {
  $('prefs-customer').textContent = prefs.customer.displayName;
  $('prefs-email').textContent = prefs.email;
  $('prefs-topics').replaceChildren(...prefs.topics.map(topicItem));
  $('prefs-unsubscribe-all').checked = prefs.unsubscribeAll;
  $('prefs-expiry').textContent = `This link works until ${new Date(prefs.expiresAt).toLocaleDateString(undefined, { dateStyle: 'long' })}.`;
  syncAll();
  $('prefs-form').hidden = false;
}

/** With "unsubscribe from everything" ticked no topic is sent, so the topics cannot be changed until it is unticked. */
function syncAll() {
  const all = $('prefs-unsubscribe-all').checked;
  for (const box of document.querySelectorAll('input[name="topic"]')) box.disabled = all;
}

async function save(event) {
  event.preventDefault();
  const button = $('prefs-save');
  button.disabled = true;
  status('Saving…');
  try {
    const topics = [...document.querySelectorAll('input[name="topic"]:checked')].map((box) => box.value);
    const saved = await call('PUT', { topics, unsubscribeAll: $('prefs-unsubscribe-all').checked });
    show(saved);
    status(saved.unsubscribeAll
      ? 'Saved. You will receive no notices from this sender.'
      : `Saved. You will receive ${saved.topics.filter((t) => t.status === 'OPT_IN').length} of ${saved.topics.length} kinds of notice.`, 'success');
  } catch (error) {
    status(`Not saved: ${error.message}`, 'error');
  } finally {
    button.disabled = false;
  }
}

async function load() {
  try {
    show(await call('GET'));
    status('Choose which notices you receive, then save.');
  } catch (error) {
    status(error.message, 'error');
  }
}

$('prefs-form').addEventListener('submit', save);
$('prefs-unsubscribe-all').addEventListener('change', syncAll);
load();
