// Small DOM helpers: build elements safely (text is always textContent), status messages.

/**
 * el('a', {href, class, testid, text, on: {click}}, ...children)
 * Children may be strings (added as text nodes), nodes, arrays, null/false (skipped).
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k === 'testid') node.dataset.testid = v;
    else if (k === 'on') for (const [ev, fn] of Object.entries(v)) node.addEventListener(ev, fn);
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else if (k in node && typeof v !== 'string') node[k] = v;
    else node.setAttribute(k, v === true ? '' : v);
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(node, c);
    else node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export const byTestId = (id, root = document) => root.querySelector(`[data-testid="${CSS.escape(id)}"]`);

export function clear(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

/** Writes a message into an aria-live status element. kind: info | success | error | busy. */
export function setStatus(node, message, kind = 'info') {
  if (!node) return;
  node.textContent = message || '';
  node.dataset.kind = message ? kind : '';
  node.hidden = !message;
}

export const params = () => new URLSearchParams(location.search);

/** "1 change", "3 changes". */
export const plural = (n, word, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

// rejected: sent back to its author by an approver (editable, submitted again).
export const STATUSES = ['draft', 'submitted', 'approved', 'rejected', 'completed', 'cancelled'];
export const statusLabel = (s) => (s ? s[0].toUpperCase() + s.slice(1) : '');

export function statusBadge(status, attrs = {}) {
  return el('span', { class: `badge badge-${status || 'unknown'}`, ...attrs }, statusLabel(status) || '—');
}

export const detailHref = (id) => `detail.html?id=${encodeURIComponent(id)}`;
export const announcementHref = (id) => `announcement-detail.html?id=${encodeURIComponent(id)}`;

/** An announcement's statuses (it is never rejected or completed). */
export const ANNOUNCEMENT_STATUSES = ['draft', 'submitted', 'approved', 'cancelled'];

/** Fills a <select> with options [{value, label}], keeping the current value when possible. */
export function fillSelect(select, options, value) {
  const keep = value ?? select.value;
  select.replaceChildren(...options.map((o) => el('option', { value: o.value }, o.label)));
  if ([...select.options].some((o) => o.value === keep)) select.value = keep;
}

export function statusOptions(anyLabel = 'Any status') {
  return [{ value: '', label: anyLabel }, ...STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))];
}

export async function customerOptions(getCustomers, anyLabel = 'All customers') {
  const list = await getCustomers();
  return [{ value: '', label: anyLabel }, ...list.map((c) => ({ value: c.code, label: `${c.name} (${c.code})` }))];
}

/** Runs an async action while the button shows it is busy. */
export async function busy(button, fn) {
  const was = button.disabled;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    return await fn();
  } finally {
    button.disabled = was;
    button.removeAttribute('aria-busy');
  }
}

/** Debounce a function. */
export function debounce(fn, ms) {
  let t;
  return (...args) => { clearTimeout(t); t = setTimeout(() => fn(...args), ms); };
}

/** An email's HTML shown inert: sandboxed iframe without scripts, forms or same-origin access. */
export function mailFrame(html, title, attrs = {}) {
  const frame = el('iframe', { class: 'mail', title, sandbox: '', referrerpolicy: 'no-referrer', ...attrs });
  frame.srcdoc = html || '<p style="font-family:sans-serif;color:#666">(no HTML part)</p>';
  return frame;
}
