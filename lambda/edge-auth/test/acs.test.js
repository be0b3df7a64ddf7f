// POST /saml/acs: only a fully valid, pinned-certificate-signed response signs in.
import { test } from "node:test";
import assert from "node:assert/strict";
import { jwtVerify, decodeProtectedHeader } from "jose";
import { createHandler } from "../src/app.js";
import * as t from "./idp.js";

const idp = t.makeIdp("test-idp");
const other = t.makeIdp("attacker-idp");
const reasons = [];
const quiet = { log: { warn: (l) => { reasons.push(JSON.parse(l).reason); if (process.env.SHOW_REASONS) console.error("refused:", JSON.parse(l).reason); } } };
const fresh = (extra) => createHandler(t.config(idp, extra), quiet);

function assertRefused(res, why) {
  assert.equal(res.status, "403");
  if (why) assert.match(reasons.at(-1), why, "refused for the intended reason");
  assert.equal(t.header(res, "set-cookie"), undefined, "no cookie on a refused sign-in");
  assert.match(res.body, /Sign-in failed/);
  assert.doesNotMatch(res.body, /signature|audience|expired|issuer|recipient|destination/i, "no details leaked");
}

test("a valid signed response signs in: landing page to RelayState with a signed HttpOnly/Secure/SameSite=Strict cookie", async () => {
  const h = fresh();
  const res = await h(t.acsEvent(t.sign(t.responseXml(), idp)));
  assert.equal(res.status, "200");
  assert.match(res.body, /<meta http-equiv="refresh" content="0;url=\/changes\?status=submitted">/);
  const setCookie = t.header(res, "set-cookie");
  assert.match(setCookie, /^cm_session=[\w-]+\.[\w-]+\.[\w-]+; Path=\/; Max-Age=3600; HttpOnly; Secure; SameSite=Strict$/);
  const token = t.cookieValue(res);
  assert.deepEqual(decodeProtectedHeader(token), { alg: "HS256", typ: "JWT" });
  const { payload } = await jwtVerify(token, Buffer.from(t.SECRET, "base64"), {
    algorithms: ["HS256"], issuer: "changemgmt-edge", audience: "changemgmt-api",
  });
  assert.equal(payload.sub, "alice@example.com");
  assert.equal(payload.name, "Alice Example");
  assert.equal(payload.email, "alice@example.com");
  assert.deepEqual(payload.roles, ["approver", "editor"]);
  assert.equal(payload.customers, undefined, "not customer-scoped");
  assert.equal(payload.exp - payload.iat, 3600);
  assert.ok(Math.abs(payload.iat - Date.now() / 1000) < 5);
  assert.match(payload.jti, /^[0-9a-f-]{36}$/);
});

test("customer attribute makes a customer-scoped token; group ids map too", async () => {
  const h = fresh();
  const res = await h(t.acsEvent(t.sign(t.responseXml({ groups: ["grp-admin-id"], customers: ["ACME,GLOBEX", "INITECH"] }), idp)));
  assert.equal(res.status, "200");
  const { payload } = await jwtVerify(t.cookieValue(res), Buffer.from(t.SECRET, "base64"));
  assert.deepEqual(payload.roles, ["admin"]);
  assert.deepEqual(payload.customers, ["ACME", "GLOBEX", "INITECH"]);
});

test("roleForCustomerScoped gives customer people a role when no group maps", async () => {
  const h = fresh({ roleForCustomerScoped: "viewer" });
  const res = await h(t.acsEvent(t.sign(t.responseXml({ groups: undefined, customers: "ACME" }), idp)));
  assert.equal(res.status, "200");
  const { payload } = await jwtVerify(t.cookieValue(res), Buffer.from(t.SECRET, "base64"));
  assert.deepEqual(payload.roles, ["viewer"]);
  assert.deepEqual(payload.customers, ["ACME"]);
});

test("no mapped role: refused", async () => {
  assertRefused(await fresh()(t.acsEvent(t.sign(t.responseXml({ groups: ["unmapped", "other"] }), idp))), /no role/);
});

test("unsigned response: refused", async () => {
  assertRefused(await fresh()(t.acsEvent(t.responseXml())), /Invalid signature/);
});

test("wrongly signed (content changed after signing): refused", async () => {
  const signed = t.sign(t.responseXml(), idp);
  const tampered = signed.replace("<saml:AttributeValue>cm-editors</saml:AttributeValue>", "<saml:AttributeValue>grp-admin-id</saml:AttributeValue>");
  assert.notEqual(tampered, signed);
  assertRefused(await fresh()(t.acsEvent(tampered)), /Invalid signature/);
});

test("broken signature value: refused", async () => {
  const signed = t.sign(t.responseXml(), idp);
  const broken = signed.replace(/<SignatureValue>(.)/, (m, c) => `<SignatureValue>${c === "A" ? "B" : "A"}`);
  assertRefused(await fresh()(t.acsEvent(broken)), /Invalid signature/);
});

test("signed by another key with that key's certificate in KeyInfo: refused (only the pinned certificate counts)", async () => {
  const forged = t.sign(t.responseXml(), other);
  const embedded = other.certPem.replace(/-----[^-]+-----|\s/g, "");
  assert.ok(forged.includes(`<X509Certificate>${embedded}</X509Certificate>`), "the attacker's certificate is carried in KeyInfo");
  assertRefused(await fresh()(t.acsEvent(forged)), /Invalid signature/);
});

test("signature wrapping: an extra unsigned assertion beside the signed one is refused", async () => {
  const signed = t.sign(t.responseXml(), idp);
  const evil = t.responseXml({ nameId: "mallory@example.com", groups: ["grp-admin-id"] })
    .match(/<saml:Assertion[\s\S]*<\/saml:Assertion>/)[0];
  assertRefused(await fresh()(t.acsEvent(signed.replace("</samlp:Response>", evil + "</samlp:Response>"))));
  assertRefused(await fresh()(t.acsEvent(signed.replace("<samlp:Status>", evil + "<samlp:Status>"))));
});

test("signature wrapping: signed assertion moved into Extensions, evil assertion with the same ID in its place, refused", async () => {
  const signed = t.sign(t.responseXml({ assertionId: "_signed1" }), idp);
  const doc = t.parse(signed);
  const res = doc.documentElement;
  const original = res.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion", "Assertion")[0];
  const evil = original.cloneNode(true);
  evil.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion", "NameID")[0].textContent = "mallory@example.com";
  const ext = doc.createElementNS("urn:oasis:names:tc:SAML:2.0:protocol", "samlp:Extensions");
  res.replaceChild(evil, original);
  ext.appendChild(original);
  res.insertBefore(ext, res.firstChild.nextSibling);
  assertRefused(await fresh()(t.acsEvent(t.serialize(doc))));
});

test("signature wrapping: evil assertion (new ID) carrying the signature, signed original moved into ds:Object, refused", async () => {
  const signed = t.sign(t.responseXml({ assertionId: "_signed2" }), idp);
  const doc = t.parse(signed);
  const res = doc.documentElement;
  const original = res.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion", "Assertion")[0];
  const evil = original.cloneNode(true);
  evil.setAttribute("ID", "_evil");
  evil.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion", "NameID")[0].textContent = "mallory@example.com";
  const sig = evil.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "Signature")[0];
  const origSig = original.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "Signature")[0];
  original.removeChild(origSig);
  const obj = doc.createElementNS("http://www.w3.org/2000/09/xmldsig#", "Object");
  obj.appendChild(original);
  sig.appendChild(obj);
  res.replaceChild(evil, res.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion", "Assertion")[0]);
  assertRefused(await fresh()(t.acsEvent(t.serialize(doc))));
});

test("expired assertion (Conditions NotOnOrAfter past): refused", async () => {
  const now = Date.now();
  assertRefused(await fresh()(t.acsEvent(t.sign(t.responseXml({ notBefore: now - 900e3, notOnOrAfter: now - 120e3 }), idp))), /expired/);
});

test("expired bearer confirmation (SubjectConfirmationData NotOnOrAfter past): refused", async () => {
  assertRefused(await fresh()(t.acsEvent(t.sign(t.responseXml({ subjectNotOnOrAfter: Date.now() - 120e3 }), idp))), /no bearer SubjectConfirmation/);
});

test("not yet valid (NotBefore beyond the clock skew): refused; within the skew: accepted", async () => {
  const now = Date.now();
  assertRefused(await fresh()(t.acsEvent(t.sign(t.responseXml({ notBefore: now + 300e3, notOnOrAfter: now + 600e3 }), idp))), /not yet valid/);
  const ok = await fresh()(t.acsEvent(t.sign(t.responseXml({ notBefore: now + 30e3 }), idp)));
  assert.equal(ok.status, "200");
});

test("wrong audience: refused", async () => {
  assertRefused(await fresh()(t.acsEvent(t.sign(t.responseXml({ audience: "https://other-app.example/saml" }), idp))), /audience mismatch/);
});

test("wrong or missing Destination: refused", async () => {
  assertRefused(await fresh()(t.acsEvent(t.sign(t.responseXml({ destination: "https://evil.example/saml/acs" }), idp))), /Destination mismatch/);
  assertRefused(await fresh()(t.acsEvent(t.sign(t.responseXml({ destination: null }), idp))), /Destination mismatch/);
});

test("wrong Recipient in the signed assertion: refused", async () => {
  assertRefused(await fresh()(t.acsEvent(t.sign(t.responseXml({ recipient: "https://other-app.example/acs" }), idp))), /no bearer SubjectConfirmation/);
});

test("wrong issuer (signed with the pinned key): refused", async () => {
  assertRefused(await fresh()(t.acsEvent(t.sign(t.responseXml({ issuer: "https://evil.example/idp" }), idp))), /Issuer mismatch/);
  assertRefused(await fresh()(t.acsEvent(t.sign(t.responseXml({ assertionIssuer: "https://evil.example/idp" }), idp))), /Assertion Issuer mismatch/);
});

test("replayed response (same assertion twice): second is refused", async () => {
  const h = fresh();
  const xml = t.sign(t.responseXml(), idp);
  assert.equal((await h(t.acsEvent(xml))).status, "200");
  assertRefused(await h(t.acsEvent(xml)), /replayed/);
});

test("malformed input: GET is 405, no body / garbage / truncated body are refused", async () => {
  const h = fresh();
  assert.equal((await h(t.event({ uri: "/saml/acs" }))).status, "405");
  assertRefused(await h(t.event({ uri: "/saml/acs", method: "POST" })));
  assertRefused(await h(t.event({ uri: "/saml/acs", method: "POST", body: "SAMLResponse=%%%not-base64&RelayState=/" })));
  assertRefused(await h(t.event({ uri: "/saml/acs", method: "POST", body: "SAMLResponse=" + encodeURIComponent(t.b64("<x")) })));
  const e = t.acsEvent(t.sign(t.responseXml(), idp));
  e.Records[0].cf.request.body.inputTruncated = true;
  assertRefused(await h(e));
});
