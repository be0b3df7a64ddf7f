import '../layout.js';
import { get, getCustomers, describeError, ApiError } from '../api.js';
import { el, clear, setStatus, params, fillSelect } from '../dom.js';
import { createContacts, customerPath } from '../contacts.js';
import { createImport } from '../contact-import.js';

const $ = (id) => document.getElementById(id);
const statusBox = $('sub-status');
const select = $('sub-customer');
const contacts = createContacts({ statusBox });
const bulk = createImport();

function showTopics(sub) {
  $('contact-list-name').textContent = `Contact list ${sub.contactList} · ${sub.displayName || sub.customer}`;
  clear($('topic-list'), sub.topics.map((t) => [
    el('dt', { testid: `topic-name-${t.name}` }, t.displayName || t.name, el('span', { class: 'muted small' }, ` (${t.name}, ${t.defaultSubscriptionStatus === 'OPT_IN' ? 'on' : 'off'} by default)`)),
    el('dd', { testid: `topic-description-${t.name}` }, t.description || '')]));
}

/** A scoped person asking for another customer's page is told "not found", as the API answers. */
function refusal(err, code) {
  if (err instanceof ApiError && err.status === 404) return `No customer “${code}” among the customers whose subscriptions you manage.`;
  return describeError(err, 'Loading the subscriptions');
}

async function load(code) {
  $('sub-body').hidden = true;
  setStatus(statusBox, '');
  if (!code) { setStatus(statusBox, 'Choose a customer.', 'info'); return; }
  try {
    const { data } = await get(`${customerPath(code)}/subscriptions`);
    showTopics(data);
    $('sub-body').hidden = false;
    await Promise.all([contacts.show(code, data.topics), bulk.show(code)]);
  } catch (err) {
    setStatus(statusBox, refusal(err, code), 'error');
  }
}

select.addEventListener('change', () => {
  history.replaceState(null, '', `subscriptions.html?customer=${encodeURIComponent(select.value)}`);
  load(select.value);
});

async function init() {
  const customers = await getCustomers().catch(() => []);
  const asked = params().get('customer') || '';
  const chosen = asked || customers[0]?.code || '';
  fillSelect(select, customers.map((c) => ({ value: c.code, label: `${c.name} (${c.code})` })), chosen);
  await load(chosen);
}

init();
