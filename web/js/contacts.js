// One customer's contacts on the subscriptions page: the table (address search, next/previous pages by the
// API's page tokens), and the form that adds a contact or changes one contact's topics. A contact's writes
// carry its etag (If-Match), so a change someone else made meanwhile is refused, never overwritten.
import { get, post, put, del, query, describeError, ApiError } from './api.js';
import { el, clear, setStatus, busy } from './dom.js';
import { formatDateTime } from './time.js';

const PAGE_SIZE = 50;
const $ = (id) => document.getElementById(id);
export const customerPath = (code) => `/api/customers/${encodeURIComponent(code)}`;
const contactsPath = (code) => `${customerPath(code)}/contacts`;
const contactPath = (code, email) => `${contactsPath(code)}/${encodeURIComponent(email)}`;
const ifMatch = (etag) => ({ 'If-Match': /^(W\/)?"/.test(etag || '') ? etag : `"${etag}"` });
const etagOf = (contact) => contact.etag;

/** A refusal in words for this page: a stale etag is someone else's change. */
function contactError(err, action) {
  if (err instanceof ApiError && err.status === 412) return 'This contact was changed by someone else — reload to see their change, then make yours again.';
  if (err instanceof ApiError && err.status === 409) return `${action} failed: ${err.problem.detail || err.problem.title}`;
  return describeError(err, action);
}

export const optedIn = (contact) => (contact.topics || []).filter((t) => t.status === 'OPT_IN').map((t) => t.name);

export function createContacts({ statusBox }) {
  const form = $('contact-form');
  const state = { customer: null, topics: [], q: '', tokens: [''], page: 0, next: null, editing: null };
  const topicLabel = (name) => state.topics.find((t) => t.name === name)?.displayName || name;

  function topicsCell(c) {
    if (c.unsubscribeAll) return el('span', { class: 'muted' }, 'Unsubscribed from everything');
    const names = optedIn(c);
    return names.length ? names.map(topicLabel).join(', ') : el('span', { class: 'muted' }, 'None');
  }

  const suppressedCell = (s) => (s ? `${s.reason}${s.at ? ` since ${formatDateTime(s.at)}` : ''}` : 'No');

  function row(c) {
    return el('tr', { testid: 'contact-row', dataset: { email: c.email } },
      el('th', { scope: 'row', testid: 'contact-email' }, c.email),
      el('td', { testid: 'contact-topics', dataset: { label: 'Topics' } }, topicsCell(c)),
      el('td', { testid: 'contact-suppressed', dataset: { label: 'Suppressed' } }, suppressedCell(c.suppressed)),
      el('td', { class: 'nowrap', dataset: { label: 'Updated' } }, c.lastUpdated ? formatDateTime(c.lastUpdated) : ''),
      el('td', { class: 'nowrap' },
        el('button', { type: 'button', class: 'btn btn-small', testid: 'contact-edit', 'aria-label': `Edit ${c.email}`, on: { click: (e) => edit(c, e.currentTarget) } }, 'Edit'),
        ' ',
        el('button', { type: 'button', class: 'btn btn-small btn-danger', testid: 'contact-remove', 'aria-label': `Remove ${c.email}`, on: { click: (e) => remove(c, e.currentTarget) } }, 'Remove')));
  }

  async function load() {
    const path = `${contactsPath(state.customer)}${query({ q: state.q, pageSize: PAGE_SIZE, pageToken: state.tokens[state.page] })}`;
    try {
      const { data } = await get(path);
      const items = data.items || [];
      state.next = data.nextPageToken || null;
      clear($('contact-rows'), items.length ? items.map(row) : el('tr', { class: 'empty' }, el('td', { colspan: '5' }, state.q ? `No contact's address contains “${state.q}”.` : 'No contacts.')));
      $('contact-page').textContent = `Page ${state.page + 1}`;
      $('contact-prev').disabled = state.page === 0;
      $('contact-next').disabled = !state.next;
    } catch (err) {
      setStatus(statusBox, contactError(err, 'Loading the contacts'), 'error');
    }
  }

  async function turn(by) {
    if (by > 0) state.tokens[state.page + 1] = state.next;
    state.page += by;
    await load();
    // The first or last page disables the button just pressed: keep the focus on the pager.
    const [pressed, other] = by > 0 ? [$('contact-next'), $('contact-prev')] : [$('contact-prev'), $('contact-next')];
    if (pressed.disabled) other.focus();
  }

  function search(q) {
    Object.assign(state, { q: q.trim(), tokens: [''], page: 0 });
    return load();
  }

  // ------------------------------------------------------------ form

  function topicBoxes(chosen, unsubscribeAll) {
    clear($('c-topics'), state.topics.map((t) => el('label', { class: 'customer-option', for: `topic-${t.name}` },
      el('input', { type: 'checkbox', id: `topic-${t.name}`, value: t.name, testid: `topic-${t.name}`, checked: chosen.includes(t.name) }),
      el('span', {}, t.displayName || t.name, el('span', { class: 'meta' }, t.description || '')))));
    $('c-unsubscribe-all').checked = unsubscribeAll;
  }

  function showErrors(errors = {}, message = '') {
    for (const field of ['email', 'topics']) $(`e-${field}`).textContent = [].concat(errors[field] || []).join(' ');
    $('c-email').toggleAttribute('aria-invalid', Boolean(errors.email));
    $('contact-form-error').textContent = message;
  }

  function open(contact) {
    state.editing = contact;
    $('contact-form-h').textContent = contact ? `Topics of ${contact.email}` : 'Add contact';
    $('c-email').value = contact?.email || '';
    $('c-email').readOnly = Boolean(contact);
    $('c-unsubscribe-all-label').hidden = !contact;
    const defaults = state.topics.filter((t) => t.defaultSubscriptionStatus === 'OPT_IN').map((t) => t.name);
    topicBoxes(contact ? optedIn(contact) : defaults, Boolean(contact?.unsubscribeAll));
    showErrors();
    form.hidden = false;
    $('contact-form-h').focus();
  }

  async function edit(c, button) {
    try {
      const { data, etag } = await busy(button, () => get(contactPath(state.customer, c.email)));
      open({ ...data, etag: etag || etagOf(data) });
    } catch (err) {
      setStatus(statusBox, contactError(err, 'Loading the contact'), 'error');
    }
  }

  const setTopics = (email, etag, topics, unsubscribeAll = false) =>
    put(contactPath(state.customer, email), { topics, unsubscribeAll }, { headers: ifMatch(etag) });

  /** A new contact gets the topics listed and every other topic's default: a default unticked is then set off. */
  async function add(email, topics) {
    const { data, etag } = await post(contactsPath(state.customer), { email, topics });
    const same = (a, b) => a.length === b.length && a.every((t) => b.includes(t));
    if (!same(optedIn(data), topics)) await setTopics(data.email, etag || etagOf(data), topics);
  }

  function write() {
    const topics = [...$('c-topics').querySelectorAll('input:checked')].map((b) => b.value);
    const c = state.editing;
    if (c) return setTopics(c.email, c.etag, topics, $('c-unsubscribe-all').checked);
    return add($('c-email').value.trim(), topics);
  }

  async function save() {
    try {
      await write();
    } catch (err) {
      if (err instanceof ApiError && err.status === 400) showErrors(err.errors, err.problem.detail || err.problem.title);
      else showErrors({}, contactError(err, 'Saving the contact'));
      return;
    }
    form.hidden = true;
    setStatus(statusBox, state.editing ? `Topics of ${state.editing.email} saved.` : 'Contact added.', 'success');
    statusBox.focus();
    await load();
  }

  async function remove(c, button) {
    if (!window.confirm(`Remove ${c.email} from ${state.customer}'s contact list? The list is backed up first.`)) return;
    try {
      await busy(button, () => del(contactPath(state.customer, c.email), { headers: ifMatch(etagOf(c)) }));
      setStatus(statusBox, `${c.email} removed.`, 'success');
      statusBox.focus();
      await load();
    } catch (err) {
      setStatus(statusBox, contactError(err, 'Removing the contact'), 'error');
    }
  }

  $('contact-add').addEventListener('click', () => open(null));
  $('contact-cancel').addEventListener('click', () => { form.hidden = true; $('contact-add').focus(); });
  form.addEventListener('submit', (e) => { e.preventDefault(); busy($('contact-save'), save); });
  $('contact-search-form').addEventListener('submit', (e) => { e.preventDefault(); search($('contact-search').value); });
  $('contact-prev').addEventListener('click', () => turn(-1));
  $('contact-next').addEventListener('click', () => turn(1));

  return {
    /** Shows this customer's contacts from the first page. */
    show(customer, topics) {
      Object.assign(state, { customer, topics });
      form.hidden = true;
      $('contact-search').value = '';
      return search('');
    },
    reload: load,
  };
}
