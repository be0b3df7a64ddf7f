// Field-by-field difference between two versions of a change: lists (customers) as items added and
// removed, times in each version's own zone, texts word by word, fields by their labels. What the
// system keeps on every write (version, modifiedAt/By, …) is shown only on request.
import { el } from './dom.js';
import { PROP_LABELS } from './change-fields.js';
import { formatWindow } from './time.js';

const SKIP = new Set(['modifications']);
const ORDER = ['changeTitle', 'status', 'customers', 'snowTicket', 'jiraTicket', 'implementationStart', 'implementationEnd', 'timezone',
  'changeReason', 'implementationPlan', 'testPlan', 'customerImpact', 'rollbackPlan'];
const TIMES = /^implementation(Start|End)$|At$/;

/** Written by the system on every write or transition (who/when, the version): not what the change says. */
export const isBookkeeping = (field) => field === 'version' || /^(created|modified|submitted|approved|completed|cancelled|deleted|rejected)(At|By)$/.test(field);

/** "approvedAt" → "Approved at" for fields without a label. */
const label = (field) => PROP_LABELS[field]
  || field.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().replace(/^./, (c) => c.toUpperCase());

export function valueText(v) {
  if (v === undefined || v === null) return '';
  if (Array.isArray(v)) return v.every((x) => typeof x !== 'object') ? v.join(', ') : JSON.stringify(v);
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

const isList = (a, b) => [a, b].every((v) => v == null || (Array.isArray(v) && v.every((x) => typeof x !== 'object')))
  && [a, b].some(Array.isArray);
const isTime = (field, a, b) => TIMES.test(field) && [a, b].every((v) => v == null || (typeof v === 'string' && !Number.isNaN(Date.parse(v))));

/** An instant as the people of the change read it: in that version's zone, the zone named. */
const timeText = (iso, zone) => (iso ? formatWindow(iso, null, zone) : '');

/**
 * [{field, label, kind, before, after, bookkeeping, added?, removed?}] for every top-level field whose
 * value differs. kind: list (items added/removed), time, text.
 */
export function diffChanges(a = {}, b = {}) {
  const fields = new Set([...Object.keys(a || {}), ...Object.keys(b || {})]);
  const rank = (f) => { const i = ORDER.indexOf(f); return i < 0 ? ORDER.length : i; };
  return [...fields]
    .filter((f) => !SKIP.has(f) && valueText(a?.[f]) !== valueText(b?.[f]))
    .sort((x, y) => rank(x) - rank(y) || x.localeCompare(y))
    .map((field) => {
      const [x, y] = [a?.[field], b?.[field]];
      const row = { field, label: label(field), bookkeeping: isBookkeeping(field) };
      if (isList(x, y)) {
        const [before, after] = [x || [], y || []].map((list) => list.map(String));
        return { ...row, kind: 'list', before, after, removed: before.filter((i) => !after.includes(i)), added: after.filter((i) => !before.includes(i)) };
      }
      if (isTime(field, x, y)) return { ...row, kind: 'time', before: timeText(x, a?.timezone), after: timeText(y, b?.timezone) };
      return { ...row, kind: 'text', before: valueText(x), after: valueText(y) };
    });
}

/** Word-level diff (LCS over tokens); falls back to whole values for very long texts. */
function wordDiff(before, after) {
  const a = before.split(/(\s+)/).filter((t) => t !== '');
  const b = after.split(/(\s+)/).filter((t) => t !== '');
  if (a.length * b.length > 250000) return null;
  const n = a.length; const m = b.length;
  const dp = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i -= 1) for (let j = m - 1; j >= 0; j -= 1) {
    dp[i][j] = a[i] === b[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
  }
  const ops = [];
  let i = 0; let j = 0;
  const push = (type, text) => {
    const last = ops[ops.length - 1];
    if (last && last.type === type) last.text += text; else ops.push({ type, text });
  };
  while (i < n && j < m) {
    if (a[i] === b[j]) { push('same', a[i]); i += 1; j += 1; } else if (dp[i + 1][j] >= dp[i][j + 1]) { push('del', a[i]); i += 1; } else { push('ins', b[j]); j += 1; }
  }
  while (i < n) { push('del', a[i]); i += 1; }
  while (j < m) { push('ins', b[j]); j += 1; }
  return ops;
}

function side(ops, keep, tag, fallback, cls) {
  if (!ops) return el('span', { class: cls }, fallback);
  return ops.filter((o) => o.type === 'same' || o.type === keep)
    .map((o) => (o.type === 'same' ? o.text : el(tag, { class: 'w' }, o.text)));
}

const EMPTY = () => el('span', { class: 'muted' }, '(empty)');

/** One version's list: the items the other version lacks marked (del before, ins after), each with its name. */
function listCell(items, marked, tag, word, name) {
  if (!items.length) return EMPTY();
  return el('ul', { class: 'diff-list' }, items.map((item) => el('li', {},
    marked.includes(item) ? el(tag, { class: 'w', testid: `diff-${word}` }, el('span', { class: 'visually-hidden' }, `${word}: `), name(item)) : name(item))));
}

function cells(r, name) {
  if (r.kind === 'list') return [listCell(r.before, r.removed, 'del', 'removed', name), listCell(r.after, r.added, 'ins', 'added', name)];
  const ops = r.kind === 'text' && r.before && r.after ? wordDiff(r.before, r.after) : null;
  return [r.before ? el('span', {}, side(ops, 'del', 'del', r.before, 'old')) : EMPTY(),
    r.after ? el('span', {}, side(ops, 'ins', 'ins', r.after, 'new')) : EMPTY()];
}

let showBookkeeping = false; // the reader's choice, kept while comparing other versions

/**
 * A table with one row per differing field (data-testid diff-field-<field>), in a scroll region the
 * keyboard reaches, and a switch showing the bookkeeping fields. name(item) labels a list item.
 */
export function renderDiff(rows, fromLabel, toLabel, { name = (item) => item } = {}) {
  if (!rows.length) return el('p', { class: 'muted' }, 'These versions do not differ.');
  const kept = rows.filter((r) => r.bookkeeping);
  const caption = `Differences from ${fromLabel} to ${toLabel}`;
  const body = el('tbody', {}, rows.map((r) => {
    const [before, after] = cells(r, name);
    return el('tr', { testid: `diff-field-${r.field}`, hidden: r.bookkeeping && !showBookkeeping, dataset: { bookkeeping: String(r.bookkeeping) } },
      el('th', { scope: 'row', class: 'f' }, r.label),
      el('td', {}, before),
      el('td', {}, el('span', { class: 'visually-hidden' }, '→ '), after));
  }));
  const onlyBookkeeping = el('p', { class: 'muted', testid: 'diff-only-bookkeeping', hidden: kept.length < rows.length || showBookkeeping },
    'Only bookkeeping fields differ (who changed it and when, the version).');
  const toggle = el('input', { type: 'checkbox', id: 'diff-bookkeeping', testid: 'diff-show-bookkeeping', checked: showBookkeeping,
    on: { change: () => {
      showBookkeeping = toggle.checked;
      for (const tr of body.querySelectorAll('tr[data-bookkeeping="true"]')) tr.hidden = !showBookkeeping;
      onlyBookkeeping.hidden = kept.length < rows.length || showBookkeeping;
    } } });
  return [
    kept.length ? el('p', { class: 'small' }, el('label', { for: 'diff-bookkeeping', class: 'inline-check' }, toggle,
      ` Show bookkeeping fields (${kept.map((r) => r.label.toLowerCase()).join(', ')})`)) : null,
    onlyBookkeeping,
    el('div', { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-label': `${caption} (scrolls sideways on narrow screens)` },
      el('table', { class: 'table diff-table' },
        el('caption', { class: 'visually-hidden' }, caption),
        el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Field'), el('th', { scope: 'col' }, fromLabel), el('th', { scope: 'col' }, toLabel))),
        body)),
  ];
}
