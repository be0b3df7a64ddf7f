// A test identity provider: RSA key pair generated here, a self-signed X.509 certificate (node-forge,
// since node:crypto cannot issue certificates), and SAML Responses signed with xml-crypto.
import { generateKeyPairSync, randomBytes, randomUUID } from "node:crypto";
import forge from "node-forge";
import { SignedXml } from "xml-crypto";
import { DOMParser, XMLSerializer } from "@xmldom/xmldom";

export const ACS = "https://portal.example/saml/acs";
export const SP = "https://portal.example/saml/metadata";
export const IDP = "https://portal.sso.eu-west-1.amazonaws.com/saml/assertion/TEST";

export function makeIdp(cn = "test-idp") {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey);
  cert.serialNumber = "01" + randomBytes(8).toString("hex");
  cert.validity.notBefore = new Date(Date.now() - 3600e3);
  cert.validity.notAfter = new Date(Date.now() + 365 * 86400e3);
  const attrs = [{ name: "commonName", value: cn }];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.sign(forge.pki.privateKeyFromPem(privateKey), forge.md.sha256.create());
  return { privateKey, certPem: forge.pki.certificateToPem(cert) };
}

export function config(idp, extra = {}) {
  return {
    idpEntryPoint: "https://portal.sso.eu-west-1.amazonaws.com/saml/assertion/TEST",
    idpIssuer: IDP,
    idpCertificatePem: idp.certPem,
    spEntityId: SP,
    acsUrl: ACS,
    cookieName: "cm_session",
    sessionSecret: SECRET,
    sessionTtlSeconds: 3600,
    refreshAfterSeconds: 900,
    clockSkewSeconds: 60,
    groupAttribute: "groups",
    customerAttribute: "customers",
    groupRoles: { "cm-editors": "editor", "cm-approvers": "approver", "grp-admin-id": "admin" },
    ...extra,
  };
}
export const SECRET = randomBytes(32).toString("base64");

const iso = (ms) => new Date(ms).toISOString();
const esc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");

export function responseXml(o = {}) {
  const now = Date.now();
  const p = {
    responseId: "_r" + randomUUID(), assertionId: "_a" + randomUUID(),
    issuer: IDP, audience: SP, destination: ACS, recipient: ACS,
    notBefore: now - 60e3, notOnOrAfter: now + 300e3, subjectNotOnOrAfter: now + 300e3,
    nameId: "alice@example.com", name: "Alice Example", email: "alice@example.com",
    groups: ["cm-editors", "cm-approvers", "unmapped"], customers: undefined, ...o,
  };
  const attr = (n, vals) => vals === undefined ? "" :
    `<saml:Attribute Name="${esc(n)}">${[].concat(vals).map((v) => `<saml:AttributeValue>${esc(v)}</saml:AttributeValue>`).join("")}</saml:Attribute>`;
  const dest = p.destination == null ? "" : ` Destination="${esc(p.destination)}"`;
  const answers = (id) => id == null ? "" : ` InResponseTo="${esc(id)}"`;
  return `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${p.responseId}" Version="2.0" IssueInstant="${iso(now)}"${dest}${answers(p.responseInResponseTo ?? p.inResponseTo)}>` +
    `<saml:Issuer>${esc(p.issuer)}</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>` +
    `<saml:Assertion ID="${p.assertionId}" Version="2.0" IssueInstant="${iso(now)}">` +
    `<saml:Issuer>${esc(p.assertionIssuer ?? p.issuer)}</saml:Issuer>` +
    `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">${esc(p.nameId)}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${iso(p.subjectNotOnOrAfter)}" Recipient="${esc(p.recipient)}"${answers(p.inResponseTo)}/></saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${iso(p.notBefore)}" NotOnOrAfter="${iso(p.notOnOrAfter)}"><saml:AudienceRestriction><saml:Audience>${esc(p.audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${iso(now)}" SessionIndex="${p.assertionId}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
    `<saml:AttributeStatement>${attr("name", p.name)}${attr("email", p.email)}${attr("groups", p.groups)}${attr("customers", p.customers)}</saml:AttributeStatement>` +
    `</saml:Assertion></samlp:Response>`;
}

// Signs the Assertion (as IAM Identity Center does) or the Response; the certificate goes in KeyInfo.
export function sign(xml, idp, what = "Assertion") {
  const sig = new SignedXml({
    privateKey: idp.privateKey,
    publicCert: idp.certPem,
    signatureAlgorithm: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    canonicalizationAlgorithm: "http://www.w3.org/2001/10/xml-exc-c14n#",
  });
  sig.addReference({
    xpath: `/*/descendant-or-self::*[local-name(.)='${what}'][1]`,
    transforms: ["http://www.w3.org/2000/09/xmldsig#enveloped-signature", "http://www.w3.org/2001/10/xml-exc-c14n#"],
    digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256",
  });
  sig.computeSignature(xml, {
    location: { reference: `/*/descendant-or-self::*[local-name(.)='${what}'][1]/*[local-name(.)='Issuer']`, action: "after" },
  });
  return sig.getSignedXml();
}

export const parse = (xml) => new DOMParser().parseFromString(xml, "text/xml");
export const serialize = (doc) => new XMLSerializer().serializeToString(doc);
export const b64 = (s) => Buffer.from(s, "utf8").toString("base64");

export function event({ uri = "/", method = "GET", querystring = "", cookie, headers = {}, body } = {}) {
  const h = { host: [{ key: "Host", value: "portal.example" }] };
  if (cookie) h.cookie = [{ key: "Cookie", value: cookie }];
  for (const [k, v] of Object.entries(headers)) h[k.toLowerCase()] = [{ key: k, value: v }];
  const request = { clientIp: "203.0.113.9", method, uri, querystring, headers: h };
  if (body !== undefined) request.body = { action: "read-only", data: b64(body), encoding: "base64", inputTruncated: false };
  return { Records: [{ cf: { config: { eventType: "viewer-request" }, request } }] };
}

export function acsEvent(samlXml, relayState = "/changes?status=submitted", cookie = undefined) {
  const form = new URLSearchParams({ SAMLResponse: b64(samlXml), RelayState: relayState }).toString();
  return event({ uri: "/saml/acs", method: "POST", body: form, cookie,
    headers: { "Content-Type": "application/x-www-form-urlencoded" } });
}

export const header = (res, name) => res.headers?.[name.toLowerCase()]?.[0]?.value;
export const cookieValue = (res) => /^cm_session=([^;]*)/.exec(header(res, "set-cookie") ?? "")?.[1];
