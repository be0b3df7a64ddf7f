// allowUnsolicitedResponses: false turns IdP-initiated sign-in off, and with it login CSRF: a response is
// taken only when its signed InResponseTo names a sign-in this browser started (cookie set with the redirect).
import { test } from "node:test";
import assert from "node:assert/strict";
import { inflateRawSync } from "node:zlib";
import { createHandler } from "../src/app.js";
import * as t from "./idp.js";

const idp = t.makeIdp("test-idp");
const reasons = [];
const quiet = { log: { warn: (l) => reasons.push(JSON.parse(l).reason), info: () => {} } };
const handler = (allow) => createHandler(t.config(idp, { allowUnsolicitedResponses: allow }), quiet);

/** Starts a sign-in: the AuthnRequest ID and the cookie the browser keeps (name=value). */
async function startSignIn(h) {
  const res = await h(t.event({ uri: "/detail.html", querystring: "id=CHG-1" }));
  assert.equal(res.status, "302");
  const xml = inflateRawSync(Buffer.from(new URL(t.header(res, "location")).searchParams.get("SAMLRequest"), "base64")).toString("utf8");
  const id = /<samlp:AuthnRequest[^>]* ID="([^"]+)"/.exec(xml)[1];
  const setCookie = t.header(res, "set-cookie");
  return { id, setCookie, cookie: setCookie?.split(";")[0] };
}

test("allowed (the default): an IdP-initiated response signs in, and starting a sign-in sets no cookie", async () => {
  const h = handler(undefined);
  assert.equal((await startSignIn(h)).setCookie, undefined);
  assert.equal((await h(t.acsEvent(t.sign(t.responseXml(), idp)))).status, "200");
});

test("refused: starting a sign-in sets an ACS-only, HttpOnly, Secure cookie named after the AuthnRequest ID", async () => {
  const { id, setCookie } = await startSignIn(handler(false));
  assert.match(id, /^_[0-9a-f]{40}$/);
  assert.match(setCookie, new RegExp(`^cm_authn_${id}=[\\w-]+; Path=/saml/acs; Max-Age=600; HttpOnly; Secure; SameSite=None$`));
});

test("refused: the answer to this browser's own sign-in signs in and clears its cookie", async () => {
  const h = handler(false);
  const { id, cookie } = await startSignIn(h);
  const res = await h(t.acsEvent(t.sign(t.responseXml({ inResponseTo: id }), idp), "/detail.html?id=CHG-1", cookie));
  assert.equal(res.status, "200", reasons.at(-1));
  const cookies = res.headers["set-cookie"].map((c) => c.value);
  assert.match(cookies[0], /^cm_session=/);
  assert.match(cookies[1], new RegExp(`^cm_authn_${id}=; Path=/saml/acs; Max-Age=0;`));
});

test("refused: an unsolicited response, or one answering another browser's sign-in (login CSRF), does not sign in", async () => {
  const h = handler(false);
  const mine = await startSignIn(h);
  const attackers = await startSignIn(h);
  const cases = [
    ["no InResponseTo", t.responseXml(), mine.cookie, /unsolicited/],
    ["the attacker's request, the victim's cookie", t.responseXml({ inResponseTo: attackers.id }), mine.cookie, /did not start/],
    ["no cookie at all", t.responseXml({ inResponseTo: mine.id }), undefined, /did not start/],
    ["a forged cookie", t.responseXml({ inResponseTo: mine.id }), `cm_authn_${mine.id}=forged`, /did not start/],
    ["Response and assertion disagree", t.responseXml({ inResponseTo: mine.id, responseInResponseTo: attackers.id }), mine.cookie, /differ/],
  ];
  for (const [what, xml, cookie, why] of cases) {
    const res = await h(t.acsEvent(t.sign(xml, idp), "/", cookie));
    assert.equal(res.status, "403", what);
    assert.match(reasons.at(-1), why, what);
  }
});

test("the setting must be a boolean", () => {
  assert.throws(() => handler("no"), /allowUnsolicitedResponses must be true or false/);
});
