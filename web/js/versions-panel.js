// A change's or an announcement's versions (GET …/{id}/versions), newest first, each comparable with the one
// before, and any two compared field by field (diff.js). Old versions are read once each.
import { get, describeError, ApiError } from './api.js';
import { el, clear, statusLabel, fillSelect } from './dom.js';
import { formatDateTime } from './time.js';
import { diffChanges, renderDiff } from './diff.js';

/** The history's cards in `container`: Timeline (its list is the page's to fill: #timeline) beside Versions, then Compare versions. */
function mountVersions(container) {
  const nodes = {
    versions: el('ul', { class: 'versions', testid: 'versions', id: 'versions' }),
    from: el('select', { id: 'diff-from', testid: 'diff-from' }),
    to: el('select', { id: 'diff-to', testid: 'diff-to' }),
    diff: el('div', { testid: 'diff', id: 'diff', 'aria-live': 'polite' }),
  };
  const card = (id, title, ...children) => el('section', { class: 'card', 'aria-labelledby': id }, el('h2', { id }, title), children);
  container.append(
    el('div', { class: 'grid grid-2' },
      card('h-timeline', 'Timeline', el('ol', { class: 'timeline', testid: 'timeline', id: 'timeline' })),
      card('h-versions', 'Versions', nodes.versions)),
    card('h-diff', 'Compare versions',
      el('div', { class: 'diff-controls' },
        el('div', { class: 'field' }, el('label', { for: 'diff-from' }, 'From version'), nodes.from),
        el('div', { class: 'field' }, el('label', { for: 'diff-to' }, 'To version'), nodes.to)),
      nodes.diff));
  return nodes;
}

/**
 * base: the object's API path; container: where its cards are built (the timeline's among them); current(): {object, version} as shown now;
 * name(code): a customer's label in the diff. Returns {load}: (re)reads the list and compares the last two versions.
 */
export function createVersionsPanel({ base, container, current, name }) {
  const cache = new Map();
  const nodes = mountVersions(container);

  /** The version list; a server without one derives it from the modifications (every write bumps the version). */
  async function list() {
    try {
      return (await get(`${base}/versions`)).data.items || [];
    } catch (err) {
      if (!(err instanceof ApiError) || (err.status !== 404 && err.status !== 405)) throw err;
      const { object, version } = current();
      const byVersion = new Map();
      for (const m of object.modifications || []) if (m.version) byVersion.set(m.version, { version: m.version, modifiedAt: m.timestamp, modifiedBy: m.user_id, type: m.modification_type });
      for (let v = 1; v <= version; v += 1) if (!byVersion.has(v)) byVersion.set(v, { version: v });
      return [...byVersion.values()];
    }
  }

  async function load() {
    const items = (await list()).sort((a, b) => b.version - a.version);
    const { version } = current();
    clear(nodes.versions, items.map((v) => el('li', { dataset: { version: v.version } },
      el('strong', {}, `v${v.version}`),
      v.status ? [' · ', statusLabel(v.status)] : (v.type ? [' · ', v.type] : null),
      v.modifiedAt ? el('span', { class: 'muted' }, ` · ${formatDateTime(v.modifiedAt)}`) : null,
      v.modifiedBy ? el('span', { class: 'muted' }, ` · ${v.modifiedBy}`) : null,
      v.version > 1 ? [' ', el('button', { type: 'button', class: 'link-button small', on: { click: () => compare(v.version - 1, v.version, true) } }, `compare with v${v.version - 1}`)] : null)));

    const options = items.map((v) => ({ value: String(v.version), label: `Version ${v.version}${v.version === version ? ' (current)' : ''}` }));
    fillSelect(nodes.from, options);
    fillSelect(nodes.to, options);
    if (version > 1) compare(version - 1, version, false);
    else clear(nodes.diff, el('p', { class: 'muted' }, 'There is only one version so far.'));
  }

  function versionObject(n) {
    const { object, version } = current();
    if (n === version) return Promise.resolve(object);
    if (!cache.has(n)) cache.set(n, get(`${base}/versions/${n}`).then((r) => r.data).catch((e) => { cache.delete(n); throw e; }));
    return cache.get(n);
  }

  async function compare(from, to, focus) {
    nodes.from.value = String(from);
    nodes.to.value = String(to);
    clear(nodes.diff, el('p', { class: 'muted' }, 'Comparing…'));
    try {
      const [a, b] = await Promise.all([versionObject(from), versionObject(to)]);
      if (nodes.from.value !== String(from) || nodes.to.value !== String(to)) return; // superseded
      clear(nodes.diff, renderDiff(diffChanges(a, b), `Version ${from}`, `Version ${to}`, { name }));
      if (focus) nodes.from.focus();
    } catch (err) {
      clear(nodes.diff, el('p', { class: 'error' }, describeError(err, 'Loading the versions')));
    }
  }

  const onSelect = () => compare(Number(nodes.from.value), Number(nodes.to.value), false);
  nodes.from.addEventListener('change', onSelect);
  nodes.to.addEventListener('change', onSelect);
  return { load };
}
