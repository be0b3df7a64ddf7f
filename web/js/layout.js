// The shared page frame: header with navigation and the operator, built on every page.
import { el } from './dom.js';
import { getHealth, getMe, ApiError } from './api.js';
import { allows } from './permissions.js';

const NAV = [
  { id: 'nav-dashboard', href: 'index.html', label: 'Dashboard', page: 'dashboard' },
  { id: 'nav-new', href: 'change.html', label: 'New change', page: 'change' },
  { id: 'nav-new-announcement', href: 'announcement.html', label: 'New announcement', page: 'announcement' },
  { id: 'nav-my', href: 'changes.html', label: 'My changes', page: 'changes' },
  { id: 'nav-search', href: 'search.html', label: 'Search', page: 'search' },
  { id: 'nav-calendar', href: 'calendar.html', label: 'Calendar', page: 'calendar' },
  { id: 'nav-freezes', href: 'freezes.html', label: 'Freezes', page: 'freezes' },
  { id: 'nav-alternate-contacts', href: 'alternate-contacts.html', label: 'Alternate contacts', page: 'alternate-contacts' },
  { id: 'nav-subscriptions', href: 'subscriptions.html', label: 'Subscriptions', page: 'subscriptions', allowed: 'subscriptions-manage' },
  { id: 'nav-outbox', href: 'outbox.html', label: 'Outbox', page: 'outbox', localOnly: true },
];

/** The nav item of the page shown (none: a page the navigation has no item for, such as editing a change). */
export function markCurrentNav(page) {
  for (const a of document.querySelectorAll('#site-header .nav-link')) {
    if (a.dataset.page === page) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
}

/** What the header says when /api/me fails: unreachable is offline, not signed out. */
function operatorProblem(err) {
  if (err instanceof ApiError && err.status === 0) return { text: 'Offline — the server cannot be reached', cls: 'operator-offline' };
  if (err instanceof ApiError && err.status === 401) return { text: 'Not signed in', cls: 'operator-error' };
  return { text: `Server error${err instanceof ApiError ? ` (HTTP ${err.status})` : ''}`, cls: 'operator-error' };
}

export function renderHeader() {
  // The forms edit an existing change or announcement with ?id=: that is not "New change" or "New announcement".
  const editing = ['change', 'announcement'].includes(document.body.dataset.page) && new URLSearchParams(location.search).has('id');
  const current = editing ? null : document.body.dataset.page;
  const header = document.getElementById('site-header');
  const operator = el('span', { class: 'operator', testid: 'operator' }, '…');
  const links = NAV.map((n) => {
    const a = el('a', { href: n.href, testid: n.id, class: 'nav-link', dataset: { page: n.page } }, n.label);
    if (n.page === current) a.setAttribute('aria-current', 'page');
    const li = el('li', {}, a);
    if (n.localOnly || n.allowed) li.hidden = true;
    return li;
  });
  header.replaceChildren(
    el('div', { class: 'header-inner' },
      el('a', { class: 'brand', href: 'index.html' }, el('span', { class: 'brand-mark', 'aria-hidden': 'true' }, 'CM'), 'ChangeMgmt'),
      el('nav', { 'aria-label': 'Main' }, el('ul', { class: 'nav' }, links)),
      operator),
  );

  getHealth().then((h) => {
    const local = h && h.mode === 'local';
    links.forEach((li, i) => { if (NAV[i].localOnly) li.hidden = !local; });
  }).catch(() => {});

  getMe().then((me) => {
    links.forEach((li, i) => { if (NAV[i].allowed) li.hidden = !allows(me, NAV[i].allowed); });
    const local = me.mode === 'local';
    operator.textContent = local ? 'Local operator — loopback only' : (me.displayName || me.user || 'Signed in');
    operator.title = `Signed in as ${me.user}${me.roles && me.roles.length ? ` (${me.roles.join(', ')})` : ''}`;
    operator.classList.toggle('operator-local', local);
  }).catch((err) => {
    const { text, cls } = operatorProblem(err);
    operator.textContent = text;
    operator.classList.add(cls);
  });
}

/** Sets the document title and the page heading. */
export function setTitle(text) {
  document.title = `${text} · ChangeMgmt`;
}

renderHeader();
