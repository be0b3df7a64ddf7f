// The shared page frame: header with navigation and the operator, built on every page.
import { el } from './dom.js';
import { getHealth, getMe } from './api.js';

const NAV = [
  { id: 'nav-dashboard', href: 'index.html', label: 'Dashboard', page: 'dashboard' },
  { id: 'nav-new', href: 'change.html', label: 'New change', page: 'change' },
  { id: 'nav-my', href: 'changes.html', label: 'My changes', page: 'changes' },
  { id: 'nav-search', href: 'search.html', label: 'Search', page: 'search' },
  { id: 'nav-outbox', href: 'outbox.html', label: 'Outbox', page: 'outbox', localOnly: true },
];

export function renderHeader() {
  const current = document.body.dataset.page;
  const header = document.getElementById('site-header');
  const operator = el('span', { class: 'operator', testid: 'operator' }, '…');
  const links = NAV.map((n) => {
    const a = el('a', { href: n.href, testid: n.id, class: 'nav-link' }, n.label);
    if (n.page === current) a.setAttribute('aria-current', 'page');
    const li = el('li', {}, a);
    if (n.localOnly) li.hidden = true;
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
    const local = me.mode === 'local';
    operator.textContent = local ? 'Local operator — loopback only' : (me.displayName || me.user || 'Signed in');
    operator.title = `Signed in as ${me.user}${me.roles && me.roles.length ? ` (${me.roles.join(', ')})` : ''}`;
    operator.classList.toggle('operator-local', local);
  }).catch(() => {
    operator.textContent = 'Not signed in';
    operator.classList.add('operator-error');
  });
}

/** Sets the document title and the page heading. */
export function setTitle(text) {
  document.title = `${text} · ChangeMgmt`;
}

renderHeader();
