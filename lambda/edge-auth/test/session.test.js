// Page requests: session cookie checks, sign-in redirect, RelayState, sliding refresh, logout.
import { test } from "node:test";
import assert from "node:assert/strict";
import { inflateRawSync } from "node:zlib";
import { randomBytes } from "node:crypto";
import { SignJWT, jwtVerify } from "jose";
import { createHandler } from "../src/app.js";
import { safeRelayState } from "../src/relaystate.js";
import { ReplayCache } from "../src/replay.js";
import { validateConfig } from "../src/config.js";
import * as t from "./idp.js";

const idp = t.makeIdp();
const key = Buffer.from(t.SECRET, "base64");
const h = createHandler(t.config(idp), { log: {} });
const nowSec = () => Math.floor(Date.now() / 1000);

function token(claims = {}, { iat = nowSec(), ttl = 3600, k = key, header = { alg: "HS256", typ: "JWT" } } = {}) {
  return new SignJWT({ roles: ["editor"], name: "Alice", ...claims })
    .setProtectedHeader(header).setIssuer("changemgmt-edge").setAudience("changemgmt-api")
    .setSubject("alice@example.com").setIssuedAt(iat).setExpirationTime(iat + ttl).setJti("j-" + iat)
    .sign(k);
}

function assertSignInRedirect(res, relay = "/changes/CHG-1?tab=history") {
  assert.equal(res.status, "302");
  const loc = new URL(t.header(res, "location"));
  assert.equal(loc.origin + loc.pathname, "https://portal.sso.eu-west-1.amazonaws.com/saml/assertion/TEST");
  assert.equal(loc.searchParams.get("RelayState"), relay);
  const xml = inflateRawSync(Buffer.from(loc.searchParams.get("SAMLRequest"), "base64")).toString("utf8");
  assert.match(xml, /<samlp:AuthnRequest /);
  assert.match(xml, /Destination="https:\/\/portal\.sso\.eu-west-1\.amazonaws\.com\/saml\/assertion\/TEST"/);
  assert.match(xml, /AssertionConsumerServiceURL="https:\/\/portal\.example\/saml\/acs"/);
  assert.match(xml, /<saml:Issuer[^>]*>https:\/\/portal\.example\/saml\/metadata<\/saml:Issuer>/);
  assert.equal(t.header(res, "set-cookie"), undefined);
}
const page = (cookie) => t.event({ uri: "/changes/CHG-1", querystring: "tab=history", cookie });

test("no cookie: 302 to the IdP with a deflated AuthnRequest (HTTP-Redirect) and RelayState = path+query", async () => {
  assertSignInRedirect(await h(page()));
});

test("valid cookie: the request is forwarded unchanged except forged identity headers, which are stripped", async () => {
  const cookie = `other=1; cm_session=${await token()}`;
  const e = t.event({ uri: "/changes/CHG-1", cookie, headers: { "X-ChangeMgmt-User": "admin", "X-Forwarded-User": "root", Accept: "text/html" } });
  const res = await h(e);
  assert.equal(res, e.Records[0].cf.request, "the request itself is returned");
  assert.equal(res.headers["x-changemgmt-user"], undefined);
  assert.equal(res.headers["x-forwarded-user"], undefined);
  assert.equal(res.headers.cookie[0].value, cookie, "the cookie is what the API verifies");
  assert.equal(res.headers.accept[0].value, "text/html");
});

test("tampered cookie (payload changed, signature kept): 302 to sign-in", async () => {
  const [hd, , sig] = (await token()).split(".");
  const forged = Buffer.from(JSON.stringify({ iss: "changemgmt-edge", aud: "changemgmt-api", sub: "alice@example.com", roles: ["admin"], iat: nowSec(), exp: nowSec() + 3600, jti: "x" })).toString("base64url");
  assertSignInRedirect(await h(page(`cm_session=${hd}.${forged}.${sig}`)));
});

test("cookie signed with another key: 302 to sign-in", async () => {
  assertSignInRedirect(await h(page(`cm_session=${await token({}, { k: randomBytes(32) })}`)));
});

test("expired cookie: 302 to sign-in", async () => {
  assertSignInRedirect(await h(page(`cm_session=${await token({}, { iat: nowSec() - 7200 })}`)));
});

test("unsigned (alg none), wrong audience, no roles, garbage: 302 to sign-in", async () => {
  const none = Buffer.from('{"alg":"none","typ":"JWT"}').toString("base64url") + "." +
    Buffer.from(JSON.stringify({ iss: "changemgmt-edge", aud: "changemgmt-api", sub: "a", roles: ["admin"], iat: nowSec(), exp: nowSec() + 99, jti: "n" })).toString("base64url") + ".";
  assertSignInRedirect(await h(page(`cm_session=${none}`)));
  const wrongAud = await new SignJWT({ roles: ["admin"] }).setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuer("changemgmt-edge").setAudience("something-else").setSubject("a").setIssuedAt().setExpirationTime("1h").setJti("w").sign(key);
  assertSignInRedirect(await h(page(`cm_session=${wrongAud}`)));
  assertSignInRedirect(await h(page(`cm_session=${await token({ roles: [] })}`)));
  assertSignInRedirect(await h(page("cm_session=not.a.jwt")));
});

test("API request without a valid session: 401 problem, not a redirect", async () => {
  const res = await h(t.event({ uri: "/api/changes" }));
  assert.equal(res.status, "401");
  assert.equal(t.header(res, "content-type"), "application/problem+json");
});

test("sliding refresh: a page GET with a cookie older than refreshAfterSeconds is redirected to itself with a new cookie", async () => {
  const old = await token({ customers: ["ACME"], auth_time: nowSec() - 1000 }, { iat: nowSec() - 1000 });
  const res = await h(page(`cm_session=${old}`));
  assert.equal(res.status, "302");
  assert.equal(t.header(res, "location"), "/changes/CHG-1?tab=history");
  const { payload } = await jwtVerify(t.cookieValue(res), key);
  assert.ok(payload.iat >= nowSec() - 2);
  assert.equal(payload.exp - payload.iat, 3600);
  assert.deepEqual([payload.sub, payload.name, payload.roles, payload.customers], ["alice@example.com", "Alice", ["editor"], ["ACME"]]);
  assert.notEqual(payload.jti, "j-" + (nowSec() - 1000));
  // API calls are not redirected: they pass through and the next page load refreshes.
  const api = t.event({ uri: "/api/changes", method: "POST", cookie: `cm_session=${old}` });
  assert.equal(await h(api), api.Records[0].cf.request);
  // A fresh cookie is not reissued.
  const e = page(`cm_session=${await token()}`);
  assert.equal(await h(e), e.Records[0].cf.request);
});

test("sliding refresh stops at maxSessionSeconds after the IdP sign-in", async () => {
  const stale = await token({ auth_time: nowSec() - 13 * 3600 }, { iat: nowSec() - 1000 });
  assertSignInRedirect(await h(page(`cm_session=${stale}`)));
});

test("RelayState open-redirect attempts fall back to /", async () => {
  for (const evil of ["https://evil.example", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", "/saml/logout", " /x", "/%0d%0aSet-Cookie:x"]) {
    const h2 = createHandler(t.config(idp), { log: {} });
    const res = await h2(t.acsEvent(t.sign(t.responseXml(), idp), evil));
    assert.equal(res.status, "200", evil);
    const target = /url=([^"]*)"/.exec(res.body)[1];
    assert.ok(target === "/" || (target.startsWith("/") && !target.startsWith("//")), `${evil} -> ${target}`);
    if (evil !== "/%0d%0aSet-Cookie:x") assert.equal(target, "/", evil);
  }
  assert.equal(safeRelayState("/changes?x=1#frag"), "/changes?x=1");
  assert.equal(safeRelayState("/a/../b"), "/b");
  assert.equal(safeRelayState("https://portal.example/"), "/");
  assert.equal(safeRelayState(undefined), "/");
});

test("an emailed approve link survives sign-in: RelayState is its path and query, and the landing page goes back to it", async () => {
  const link = "/detail.html?id=CHG-20261206-0GAXRM&action=approve";
  const redirect = await h(t.event({ uri: "/detail.html", querystring: "id=CHG-20261206-0GAXRM&action=approve" }));
  assertSignInRedirect(redirect, link);
  const h2 = createHandler(t.config(idp), { log: {} });
  const landing = await h2(t.acsEvent(t.sign(t.responseXml(), idp), link));
  assert.equal(landing.status, "200");
  assert.equal(/url=([^"]*)"/.exec(landing.body)[1].replace(/&amp;/g, "&"), link);
});

test("logout clears the cookie and goes to /signed-out.html (or the IdP logout URL); that page needs no session", async () => {
  const res = await h(t.event({ uri: "/saml/logout", cookie: `cm_session=${await token()}` }));
  assert.equal(res.status, "302");
  assert.equal(t.header(res, "location"), "/signed-out.html");
  assert.equal(t.header(res, "set-cookie"), "cm_session=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Strict");
  const idpOut = createHandler(t.config(idp, { idpLogoutUrl: "https://portal.sso.eu-west-1.amazonaws.com/logout" }), { log: {} });
  assert.equal(t.header(await idpOut(t.event({ uri: "/saml/logout" })), "location"), "https://portal.sso.eu-west-1.amazonaws.com/logout");
  const e = t.event({ uri: "/signed-out.html" });
  assert.equal(await h(e), e.Records[0].cf.request);
});

test("replay cache forgets expired IDs and evicts the oldest when full", () => {
  const c = new ReplayCache(2);
  assert.equal(c.checkAndRemember("a", 1000, 0), true);
  assert.equal(c.checkAndRemember("a", 1000, 500), false);
  assert.equal(c.checkAndRemember("a", 3000, 1500), true, "expired entry is forgotten");
  c.checkAndRemember("b", 5000, 1600);
  c.checkAndRemember("c", 5000, 1700);
  assert.equal(c.map.size, 2);
  assert.equal(c.checkAndRemember("c", 5000, 1800), false);
});

test("config is validated: short secret, skew over 120 s, example placeholders, bad certificate are refused", () => {
  const base = t.config(idp);
  assert.doesNotThrow(() => validateConfig(base));
  assert.throws(() => validateConfig({ ...base, sessionSecret: randomBytes(16).toString("base64") }), /32 bytes/);
  assert.throws(() => validateConfig({ ...base, clockSkewSeconds: 300 }), /at most 120/);
  assert.throws(() => validateConfig({ ...base, idpCertificatePem: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----" }), /not a PEM certificate/);
  assert.throws(() => validateConfig({ ...base, groupRoles: { g: "root" } }), /groupRoles/);
  assert.throws(() => validateConfig({ ...base, acsUrl: "http://portal.example/saml/acs" }), /https/);
});
