// Lambda@Edge viewer-request handler: SAML sign-in (IAM Identity Center) and a signed session cookie.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { SAML } from "@node-saml/node-saml";
import { DOMParser } from "@xmldom/xmldom";
import { validateConfig } from "./config.js";
import { issueSession, verifySession } from "./session.js";
import { safeRelayState, requestPath } from "./relaystate.js";
import { ReplayCache } from "./replay.js";

const SAML_NS = "urn:oasis:names:tc:SAML:2.0:assertion";
const SAMLP_NS = "urn:oasis:names:tc:SAML:2.0:protocol";
const BEARER = "urn:oasis:names:tc:SAML:2.0:cm:bearer";
const MAX_SAML_RESPONSE = 256 * 1024;
const REQUEST_COOKIE_PREFIX = "cm_authn_";
const REQUEST_COOKIE_SECONDS = 600;
// Identity-looking headers a client could send to fool the origin; only the signed cookie counts.
const IDENTITY_HEADER = /^(x-changemgmt-|x-amzn-oidc-|x-forwarded-user$|x-forwarded-email$|x-remote-user$|remote-user$|x-user$|x-authenticated-)/;

export function createHandler(rawConfig, { now = () => Date.now(), log = console } = {}) {
  const config = validateConfig(rawConfig);
  const skewMs = config.clockSkewSeconds * 1000;
  // The AuthnRequest ID of the sign-in being started (one event at a time per Lambda instance).
  let nextRequestId = null;
  const saml = new SAML({
    generateUniqueId: () => nextRequestId ?? newRequestId(),
    entryPoint: config.idpEntryPoint,
    issuer: config.spEntityId,
    audience: config.spEntityId,
    callbackUrl: config.acsUrl,
    idpCert: config.idpCertificatePem,
    idpIssuer: config.idpIssuer,
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: false, // Identity Center signs the assertion; a signed response is also accepted
    acceptedClockSkewMs: skewMs,
    validateInResponseTo: "never", // no shared store at the edge; replay is bounded by the assertion-ID cache
    identifierFormat: config.identifierFormat ?? null,
    disableRequestedAuthnContext: true,
    maxAssertionAgeMs: 0,
  });
  const replay = new ReplayCache(config.replayCacheSize);
  const nowSec = () => Math.floor(now() / 1000);

  const cookie = (value, maxAge) =>
    `${config.cookieName}=${value}; Path=/; Max-Age=${maxAge}; HttpOnly; Secure; SameSite=Strict`;

  // With allowUnsolicitedResponses false, each sign-in this browser started leaves a cookie naming its
  // AuthnRequest ID (HMAC with the session key, readable only by the ACS path, 10 minutes); a response is
  // taken only when it answers one of them, so nobody can sign a victim in with their own response (login CSRF).
  const requestCookie = (id, maxAge = REQUEST_COOKIE_SECONDS) =>
    `${REQUEST_COOKIE_PREFIX}${id}=${maxAge ? requestMac(config, id) : ""}; Path=${config.acsPath}; Max-Age=${maxAge}; HttpOnly; Secure; SameSite=None`;

  async function redirectToIdp(request) {
    const requestId = newRequestId();
    nextRequestId = requestId;
    let url;
    try {
      url = await saml.getAuthorizeUrlAsync(requestPath(request), undefined, {});
    } finally {
      nextRequestId = null;
    }
    const headers = { Location: url, "Cache-Control": "no-store" };
    if (!config.allowUnsolicitedResponses) headers["Set-Cookie"] = requestCookie(requestId);
    return response(302, headers);
  }

  /** The AuthnRequest a response answers, when unsolicited responses are refused; null when they are allowed. */
  function answeredRequest(request, checked) {
    if (config.allowUnsolicitedResponses) return null;
    const id = checked.inResponseTo;
    if (!id || !/^_[0-9a-f]{40}$/.test(id)) throw new Error("unsolicited response (allowUnsolicitedResponses is false)");
    const mac = readCookies(request, REQUEST_COOKIE_PREFIX + id)[0];
    if (!mac || !sameText(mac, requestMac(config, id))) throw new Error("response to a sign-in this browser did not start");
    return id;
  }

  async function acs(request) {
    if (request.method !== "POST") return response(405, { Allow: "POST", "Content-Type": "text/plain" }, "Method Not Allowed");
    try {
      const form = readForm(request);
      const samlResponse = form.get("SAMLResponse");
      if (!samlResponse || samlResponse.length > MAX_SAML_RESPONSE) throw new Error("no SAMLResponse");
      const { profile, loggedOut } = await saml.validatePostResponseAsync({ SAMLResponse: samlResponse });
      if (!profile || loggedOut) throw new Error("no profile");
      const nowMs = now();
      const checked = checkResponse(config, Buffer.from(samlResponse, "base64").toString("utf8"), profile.getAssertionXml(), nowMs, skewMs);
      const answered = answeredRequest(request, checked);
      const identity = identityFrom(config, profile);
      if (identity.roles.length === 0) throw new Error("no role mapped from the groups");
      // One-time use: checked last, so only an assertion that would have signed in is remembered.
      if (!replay.checkAndRemember(checked.assertionId, checked.expiresMs + skewMs, nowMs)) throw new Error("assertion replayed");
      const token = await issueSession(config, identity, nowSec());
      const target = safeRelayState(form.get("RelayState"));
      log.info?.(JSON.stringify({ event: "signin", sub: identity.sub, roles: identity.roles, customers: identity.customers ?? null }));
      return landingPage(target, [cookie(token, config.sessionTtlSeconds), ...(answered ? [requestCookie(answered, 0)] : [])]);
    } catch (err) {
      log.warn?.(JSON.stringify({ event: "signin_refused", reason: String(err && err.message).slice(0, 200) }));
      return response(403, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
        '<!doctype html><meta charset="utf-8"><title>Sign-in failed</title><h1>Sign-in failed</h1><p><a href="/">Try again</a></p>');
    }
  }

  function logout() {
    const target = config.idpLogoutUrl ?? config.signedOutPath;
    return response(302, { Location: target, "Set-Cookie": cookie("", 0), "Cache-Control": "no-store" });
  }

  // One feed file (/calendar/acme.ics) and nothing else: no further segment, no dot segment, no escape that the
  // origin might decode into one; anything else under the prefix needs a session like every other path.
  function isFeedPath(uri) {
    return uri.startsWith(config.feedPathPrefix) && /^[A-Za-z0-9_-]+\.ics$/.test(uri.slice(config.feedPathPrefix.length));
  }

  // Paths opened by a token of their own, never a session: calendar feeds (a calendar app cannot sign in; the API
  // admits them only with the feed's token, read-only), and an email's preferences link (its page, script and
  // stylesheet, and the one API path that reads and saves them with the link's token). The session cookie never
  // travels with them; only the given methods pass.
  function tokenOnlyRequest(request, methods) {
    if (!methods.includes(request.method)) {
      return response(405, { Allow: methods.join(", "), "Cache-Control": "no-store" });
    }
    delete request.headers.cookie;
    return request;
  }

  async function handle(request) {
    for (const name of Object.keys(request.headers ?? {})) {
      if (IDENTITY_HEADER.test(name.toLowerCase())) delete request.headers[name];
    }
    const uri = request.uri || "/";
    if (uri === config.acsPath) return acs(request);
    if (uri === "/saml/logout") return logout();
    if (config.publicPaths.includes(uri)) return request;
    if (isFeedPath(uri)) return tokenOnlyRequest(request, ["GET", "HEAD"]);
    if (config.preferencePagePaths.includes(uri)) return tokenOnlyRequest(request, ["GET", "HEAD"]);
    if (uri === config.preferenceApiPath) return tokenOnlyRequest(request, ["GET", "PUT"]);

    const t = nowSec();
    let session = null;
    for (const token of readCookies(request, config.cookieName)) {
      session = await verifySession(config, token, t);
      if (session) break;
    }
    if (!session) {
      if (uri.startsWith(config.apiPathPrefix)) {
        return response(401, { "Content-Type": "application/problem+json", "Cache-Control": "no-store" },
          JSON.stringify({ type: "about:blank", title: "Unauthorized", status: 401, detail: "Sign in again." }));
      }
      return redirectToIdp(request);
    }
    // Sliding refresh. A viewer-request function cannot add Set-Cookie to the origin's response, so a
    // page GET with a session older than refreshAfterSeconds is redirected to itself with a fresh cookie.
    // API calls and other methods pass through unchanged (the next page load refreshes).
    if (t - session.iat >= config.refreshAfterSeconds && (request.method === "GET" || request.method === "HEAD")
        && !uri.startsWith(config.apiPathPrefix)) {
      const token = await issueSession(config, {
        sub: session.sub, name: session.name, email: session.email, roles: session.roles,
        customers: session.customers, authTime: session.auth_time,
      }, t);
      return response(302, { Location: requestPath(request), "Set-Cookie": cookie(token, config.sessionTtlSeconds), "Cache-Control": "no-store" });
    }
    return request;
  }

  return async function handler(event) {
    return handle(event.Records[0].cf.request);
  };
}

// Browsers do not send a SameSite=Strict cookie on a request reached through a cross-site redirect
// chain (the IdP's POST), so a 302 from the ACS would lose the cookie on the next page and loop back
// to the IdP. A tiny same-origin page that navigates to RelayState makes that next request same-site.
function landingPage(target, setCookie) {
  const href = escapeHtml(target);
  return response(200, {
    "Content-Type": "text/html; charset=utf-8",
    "Set-Cookie": setCookie,
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "default-src 'none'",
  }, `<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${href}"><title>Signed in</title><p><a href="${href}">Continue</a></p>`);
}

function newRequestId() {
  return "_" + randomBytes(20).toString("hex");
}

function requestMac(config, id) {
  return createHmac("sha256", config.sessionKey).update("authn-request:" + id).digest("base64url");
}

function sameText(a, b) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function escapeHtml(s) {
  return s.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]);
}

function response(status, headers, body) {
  const out = { status: String(status), statusDescription: STATUS_TEXT[status] ?? "", headers: {} };
  for (const [k, v] of Object.entries(headers)) out.headers[k.toLowerCase()] = [].concat(v).map((value) => ({ key: k, value }));
  if (body !== undefined) out.body = body;
  return out;
}
const STATUS_TEXT = { 200: "OK", 302: "Found", 401: "Unauthorized", 403: "Forbidden", 405: "Method Not Allowed" };

function readForm(request) {
  const body = request.body;
  if (!body || typeof body.data !== "string") throw new Error("no body (enable 'include body' on the ACS behaviour)");
  if (body.inputTruncated) throw new Error("body truncated");
  const text = body.encoding === "base64" ? Buffer.from(body.data, "base64").toString("utf8") : body.data;
  return new URLSearchParams(text);
}

function readCookies(request, name) {
  const out = [];
  for (const h of request.headers?.cookie ?? []) {
    for (const part of String(h.value).split(";")) {
      const i = part.indexOf("=");
      if (i > 0 && part.slice(0, i).trim() === name) out.push(part.slice(i + 1).trim());
    }
  }
  return out;
}

function parseXml(xml) {
  const errors = [];
  const doc = new DOMParser({
    errorHandler: { warning() {}, error: (m) => errors.push(m), fatalError: (m) => errors.push(m) },
  }).parseFromString(xml, "text/xml");
  if (errors.length || !doc || !doc.documentElement) throw new Error("malformed XML");
  return doc;
}

function children(el, ns, local) {
  const out = [];
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && n.namespaceURI === ns && n.localName === local) out.push(n);
  }
  return out;
}

function timeMs(s, what) {
  const ms = Date.parse(s);
  if (!s || Number.isNaN(ms)) throw new Error(`bad ${what}`);
  return ms;
}

// Checks node-saml leaves to the caller, on the Response and on the signature-VERIFIED assertion XML
// that node-saml returns (never on a re-selected copy, so a wrapped assertion cannot stand in).
function checkResponse(config, responseXml, assertionXml, nowMs, skewMs) {
  const res = parseXml(responseXml).documentElement;
  if (res.namespaceURI !== SAMLP_NS || res.localName !== "Response") throw new Error("not a Response");
  if (res.getAttribute("Destination") !== config.acsUrl) throw new Error("Destination mismatch");
  for (const iss of children(res, SAML_NS, "Issuer")) {
    if (iss.textContent.trim() !== config.idpIssuer) throw new Error("Response Issuer mismatch");
  }
  const status = children(res, SAMLP_NS, "Status")[0];
  const code = status && children(status, SAMLP_NS, "StatusCode")[0];
  if (!code || code.getAttribute("Value") !== "urn:oasis:names:tc:SAML:2.0:status:Success") throw new Error("status not Success");

  const a = parseXml(assertionXml).documentElement;
  if (a.namespaceURI !== SAML_NS || a.localName !== "Assertion") throw new Error("not an Assertion");
  const assertionId = a.getAttribute("ID");
  if (!assertionId) throw new Error("assertion without ID");
  const issuer = children(a, SAML_NS, "Issuer")[0];
  if (!issuer || issuer.textContent.trim() !== config.idpIssuer) throw new Error("Assertion Issuer mismatch");

  const conditions = children(a, SAML_NS, "Conditions");
  if (conditions.length !== 1) throw new Error("Conditions required");
  const condEnd = timeMs(conditions[0].getAttribute("NotOnOrAfter"), "Conditions NotOnOrAfter");
  if (nowMs - skewMs >= condEnd) throw new Error("assertion expired");
  if (conditions[0].getAttribute("NotBefore") && nowMs + skewMs < timeMs(conditions[0].getAttribute("NotBefore"), "NotBefore")) {
    throw new Error("assertion not yet valid");
  }

  const subject = children(a, SAML_NS, "Subject")[0];
  if (!subject) throw new Error("no Subject");
  let confirmedUntil = null;
  let inResponseTo = null;
  for (const sc of children(subject, SAML_NS, "SubjectConfirmation")) {
    if (sc.getAttribute("Method") !== BEARER) continue;
    const d = children(sc, SAML_NS, "SubjectConfirmationData")[0];
    if (!d || d.getAttribute("Recipient") !== config.acsUrl) continue;
    const end = timeMs(d.getAttribute("NotOnOrAfter"), "SubjectConfirmationData NotOnOrAfter");
    if (nowMs - skewMs >= end) continue;
    if (d.getAttribute("NotBefore") && nowMs + skewMs < timeMs(d.getAttribute("NotBefore"), "NotBefore")) continue;
    confirmedUntil = end;
    inResponseTo = d.getAttribute("InResponseTo") || null;
    break;
  }
  if (confirmedUntil == null) throw new Error("no bearer SubjectConfirmation for this Recipient that is valid now");
  // The signed assertion's InResponseTo counts; the (unsigned) Response's may only agree with it.
  const responseTo = res.getAttribute("InResponseTo") || null;
  if (responseTo !== null && responseTo !== inResponseTo) throw new Error("InResponseTo of Response and assertion differ");
  return { assertionId, expiresMs: Math.max(condEnd, confirmedUntil), inResponseTo };
}

function values(v) {
  if (v == null) return [];
  return (Array.isArray(v) ? v : [v]).filter((x) => typeof x === "string").map((x) => x.trim()).filter(Boolean);
}

function identityFrom(config, profile) {
  const attrs = profile.attributes ?? {};
  if (!profile.nameID) throw new Error("no NameID");
  const roles = new Set();
  for (const g of values(attrs[config.groupAttribute])) {
    const r = Object.prototype.hasOwnProperty.call(config.groupRoles, g) ? config.groupRoles[g] : undefined;
    if (r) roles.add(r);
  }
  let customers;
  if (Object.prototype.hasOwnProperty.call(attrs, config.customerAttribute)) {
    customers = [...new Set(values(attrs[config.customerAttribute]).flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean))];
    if (roles.size === 0 && config.roleForCustomerScoped) roles.add(config.roleForCustomerScoped);
  }
  const name = values(attrs[config.nameAttribute])[0];
  const email = values(attrs[config.emailAttribute])[0] ?? values(profile.email)[0];
  return { sub: profile.nameID, name, email, roles: [...roles].sort(), customers };
}
