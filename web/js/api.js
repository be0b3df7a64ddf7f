// One place for every call to the ChangeMgmt API (same origin).
// Errors are thrown as ApiError carrying the RFC 9457 problem details.

import { PAYLOAD_HASH_HEADER, needsPayloadHash, sha256Hex } from './payload-hash.js';

export class ApiError extends Error {
  constructor(status, problem) {
    const p = problem || {};
    super(p.detail || p.title || `Request failed (HTTP ${status})`);
    this.status = status;
    this.problem = p;
    this.errors = p.errors || {};
  }
}

async function readBody(res) {
  const type = res.headers.get('content-type') || '';
  if (res.status === 204) return null;
  if (type.includes('json')) return res.json().catch(() => null);
  const text = await res.text();
  return text;
}

/** The session ended (401): reload once so the edge sends the browser through sign-in; never loop. */
function signInAgain() {
  const key = 'changemgmt.signInAgain';
  if (sessionStorage.getItem(key)) return;
  sessionStorage.setItem(key, String(Date.now()));
  window.location.reload();
}

/** fetch JSON; returns {data, etag, status}. Throws ApiError on non-2xx or network failure. */
export async function request(method, path, { body, csv, headers = {}, signal } = {}) {
  // X-Requested-With: a non-simple header on every call, which the API requires of cookie-signed writes (CSRF).
  const init = { method, headers: { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest', ...headers }, signal, credentials: 'same-origin' };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  } else if (csv !== undefined) {
    init.headers['Content-Type'] = 'text/csv';
    init.body = csv;
  }
  // On AWS, CloudFront signs writes to the API's function URL with this hash of the very string sent.
  if (needsPayloadHash(method)) init.headers[PAYLOAD_HASH_HEADER] = await sha256Hex(init.body ?? '');
  let res;
  try {
    res = await fetch(path, init);
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, { title: 'Network error', detail: 'The server could not be reached. Check your connection and try again.' });
  }
  const data = await readBody(res);
  if (res.status === 401) signInAgain();
  if (!res.ok) {
    const problem = data && typeof data === 'object' ? data : { title: res.statusText, detail: typeof data === 'string' && data ? data : undefined };
    if (!problem.detail && !problem.title) problem.title = `HTTP ${res.status}`;
    throw new ApiError(res.status, problem);
  }
  return { data, etag: res.headers.get('etag'), status: res.status, headers: res.headers };
}

export const get = (path, opts) => request('GET', path, opts);
export const post = (path, body, opts = {}) => request('POST', path, { ...opts, body });
export const put = (path, body, opts = {}) => request('PUT', path, { ...opts, body });
export const del = (path, opts) => request('DELETE', path, opts);
export const postCsv = (path, csv, opts = {}) => request('POST', path, { ...opts, csv });

/** Builds a query string from an object, skipping empty values. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, v);
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

export const changePath = (id) => `/api/changes/${encodeURIComponent(id)}`;
export const announcementPath = (id) => `/api/announcements/${encodeURIComponent(id)}`;

/** The configured announcement types [{name, displayName, topic, approvalRequired}]. */
export const getAnnouncementTypes = () => once('announcement-types', async () => (await get('/api/announcements/types')).data.items || []);
export const ifMatch = (version) => (version ? { 'If-Match': `"${version}"` } : {});

/** Version number from an ETag header ("3" or W/"3"). */
export function versionFromEtag(etag) {
  const m = /"?(\d+)"?\s*$/.exec(etag || '');
  return m ? Number(m[1]) : undefined;
}

const cache = new Map();
function once(key, fn) {
  if (!cache.has(key)) cache.set(key, fn().catch((e) => { cache.delete(key); throw e; }));
  return cache.get(key);
}

export const getMe = () => once('me', async () => (await get('/api/me')).data);
export const getHealth = () => once('health', async () => (await get('/api/health')).data);

/** A customer's readiness as {ready: true | false | null (unknown), check, detail, fix}; null when the server does not say. */
function readinessOf(r) {
  if (!r || typeof r !== 'object') return null;
  return { ready: typeof r.ready === 'boolean' ? r.ready : null, check: r.check || '', detail: r.detail || '', fix: r.fix || '' };
}

/** Customers normalised to {code, name, environment, region, readiness} whatever the server's exact shape. */
export const getCustomers = () => once('customers', async () => {
  const { data } = await get('/api/customers');
  const list = Array.isArray(data) ? data : data.customers || data.items || [];
  return list.map((c) => ({
    code: c.code || c.customerCode || c.customer_code,
    name: c.name || c.displayName || c.customerName || c.customer_name || c.code || c.customerCode,
    environment: c.environment || '',
    region: c.region || '',
    readiness: readinessOf(c.readiness),
  })).filter((c) => c.code)
    .sort((a, b) => a.name.localeCompare(b.name));
});

export async function customerNames() {
  try {
    const list = await getCustomers();
    return new Map(list.map((c) => [c.code, c.name]));
  } catch {
    return new Map();
  }
}

/** A fresh UUID (Idempotency-Key per form session). */
export function uuid() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A human sentence for an API error, explaining conflicts. */
export function describeError(err, action = 'The request') {
  if (!(err instanceof ApiError)) return `${action} failed: ${err && err.message ? err.message : err}`;
  const p = err.problem;
  switch (err.status) {
    case 0: return p.detail;
    case 401: return 'You are not signed in (or your session ended). Reload the page to sign in.';
    case 403: return `${action} is not allowed for your account${p.detail ? `: ${p.detail}` : '.'}`;
    case 404: return `${action} failed: not found${p.detail ? ` (${p.detail})` : ''}.`;
    case 409: return `Not allowed in the change's current state: ${p.detail || p.title}. Reload to see the current state.`;
    case 410: return 'This change was deleted.';
    case 412: return `Someone else saved this change first${p.currentVersion ? ` (it is now at version ${p.currentVersion})` : ''}. Reload it to see their changes, then apply yours again.`;
    case 428: return 'The server needs the version you are editing (If-Match). Reload the change and try again.';
    default: return `${action} failed: ${p.detail || p.title || `HTTP ${err.status}`}`;
  }
}
