// Field-by-field difference between two versions of a change, with word-level highlighting.
import { el } from './dom.js';
import { PROP_LABELS } from './change-fields.js';

const SKIP = new Set(['modifications']);
const ORDER = ['changeTitle', 'status', 'customers', 'snowTicket', 'jiraTicket', 'implementationStart', 'implementationEnd', 'timezone',
  'changeReason', 'implementationPlan', 'testPlan', 'customerImpact', 'rollbackPlan'];

export function valueText(v) {
  if (v === undefined || v === null) return '';
  if (Array.isArray(v)) return v.every((x) => typeof x !== 'object') ? v.join(', ') : JSON.stringify(v);
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** [{field, before, after}] for every top-level field whose value differs. */
export function diffChanges(a, b) {
  const fields = new Set([...Object.keys(a || {}), ...Object.keys(b || {})]);
  const rank = (f) => { const i = ORDER.indexOf(f); return i < 0 ? ORDER.length : i; };
  return [...fields]
    .filter((f) => !SKIP.has(f) && valueText(a && a[f]) !== valueText(b && b[f]))
    .sort((x, y) => rank(x) - rank(y) || x.localeCompare(y))
    .map((field) => ({ field, before: valueText(a && a[field]), after: valueText(b && b[field]) }));
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

/** A table with one row per differing field: data-testid diff-field-<field>. */
export function renderDiff(rows, fromLabel, toLabel) {
  if (!rows.length) return el('p', { class: 'muted' }, 'These versions do not differ.');
  return el('div', { class: 'table-wrap' }, el('table', { class: 'table diff-table' },
    el('caption', { class: 'visually-hidden' }, `Differences from ${fromLabel} to ${toLabel}`),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Field'), el('th', { scope: 'col' }, fromLabel), el('th', { scope: 'col' }, toLabel))),
    el('tbody', {}, rows.map((r) => {
      const ops = r.before && r.after ? wordDiff(r.before, r.after) : null;
      return el('tr', { testid: `diff-field-${r.field}` },
        el('td', { class: 'f' }, PROP_LABELS[r.field] || r.field, PROP_LABELS[r.field] ? el('div', { class: 'muted small mono' }, r.field) : null),
        el('td', {}, r.before ? el('span', {}, side(ops, 'del', 'del', r.before, 'old')) : el('span', { class: 'muted' }, '(empty)')),
        el('td', {}, el('span', { class: 'visually-hidden' }, '→ '), r.after ? el('span', {}, side(ops, 'ins', 'ins', r.after, 'new')) : el('span', { class: 'muted' }, '(empty)')));
    }))));
}
