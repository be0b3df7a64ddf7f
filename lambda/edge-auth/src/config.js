// Validates the configuration bundled into the function at build time (Lambda@Edge has no
// environment variables). Throws on the first problem so a bad config never deploys.
import { X509Certificate } from "node:crypto";

const ROLES = ["viewer", "editor", "approver", "admin"];

export function validateConfig(raw) {
  if (!raw || typeof raw !== "object") throw new Error("edge config: not an object");
  const c = { ...raw };
  const need = (k, t = "string") => {
    if (typeof c[k] !== t || (t === "string" && c[k].trim() === "")) throw new Error(`edge config: ${k} is required (${t})`);
  };
  for (const k of ["idpEntryPoint", "idpIssuer", "idpCertificatePem", "spEntityId", "acsUrl", "sessionSecret"]) need(k);
  const acs = new URL(c.acsUrl);
  if (acs.protocol !== "https:") throw new Error("edge config: acsUrl must be https");
  c.acsPath = acs.pathname;
  if (!/^https:\/\//.test(c.idpEntryPoint)) throw new Error("edge config: idpEntryPoint must be https");
  if (c.idpLogoutUrl != null && !/^https:\/\//.test(c.idpLogoutUrl)) throw new Error("edge config: idpLogoutUrl must be https");
  if (/REPLACE/i.test(c.sessionSecret) || /REPLACE/i.test(c.idpCertificatePem)) throw new Error("edge config: replace the example values");
  try {
    new X509Certificate(c.idpCertificatePem); // the pinned IdP certificate must parse
  } catch {
    throw new Error("edge config: idpCertificatePem is not a PEM certificate");
  }
  // Standard base64 only: the API decodes the same secret with .NET's strict decoder.
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(c.sessionSecret.trim())) throw new Error("edge config: sessionSecret must be standard base64");
  c.sessionKey = Buffer.from(c.sessionSecret, "base64");
  if (c.sessionKey.length < 32) throw new Error("edge config: sessionSecret must be base64 of at least 32 bytes");
  c.cookieName = c.cookieName ?? "cm_session";
  if (!/^[A-Za-z0-9_-]+$/.test(c.cookieName)) throw new Error("edge config: cookieName");
  c.sessionTtlSeconds = c.sessionTtlSeconds ?? 3600;
  c.refreshAfterSeconds = c.refreshAfterSeconds ?? 900;
  c.maxSessionSeconds = c.maxSessionSeconds ?? 12 * 3600;
  c.clockSkewSeconds = c.clockSkewSeconds ?? 60;
  for (const k of ["sessionTtlSeconds", "refreshAfterSeconds", "maxSessionSeconds", "clockSkewSeconds"]) {
    if (!Number.isInteger(c[k]) || c[k] < 0) throw new Error(`edge config: ${k} must be a non-negative integer`);
  }
  if (c.sessionTtlSeconds < 60) throw new Error("edge config: sessionTtlSeconds must be at least 60");
  if (c.refreshAfterSeconds >= c.sessionTtlSeconds) throw new Error("edge config: refreshAfterSeconds must be less than sessionTtlSeconds");
  if (c.clockSkewSeconds > 120) throw new Error("edge config: clockSkewSeconds must be at most 120");
  c.groupAttribute = c.groupAttribute ?? "groups";
  c.customerAttribute = c.customerAttribute ?? "customers";
  c.nameAttribute = c.nameAttribute ?? "name";
  c.emailAttribute = c.emailAttribute ?? "email";
  if (!c.groupRoles || typeof c.groupRoles !== "object") throw new Error("edge config: groupRoles is required");
  for (const [g, r] of Object.entries(c.groupRoles)) {
    if (!ROLES.includes(r)) throw new Error(`edge config: groupRoles[${g}] must be one of ${ROLES.join("|")}`);
  }
  if (c.roleForCustomerScoped != null && !ROLES.includes(c.roleForCustomerScoped)) {
    throw new Error("edge config: roleForCustomerScoped must be one of " + ROLES.join("|"));
  }
  c.signedOutPath = c.signedOutPath ?? "/signed-out.html";
  c.publicPaths = c.publicPaths ?? [c.signedOutPath, "/favicon.ico"];
  c.apiPathPrefix = c.apiPathPrefix ?? "/api/";
  c.feedPathPrefix = c.feedPathPrefix ?? "/calendar/";
  if (!/^\/[a-z-]+\/$/.test(c.feedPathPrefix) || c.feedPathPrefix === c.apiPathPrefix) throw new Error("edge config: feedPathPrefix must be a path like /calendar/");
  // A recipient's preferences page, opened from an email with the link's token (exact paths, nothing under them).
  c.preferencePagePaths = c.preferencePagePaths ?? ["/preferences.html", "/js/pages/preferences.js", "/css/preferences.css"];
  c.preferenceApiPath = c.preferenceApiPath ?? "/api/preferences";
  if (!c.preferencePagePaths.every((p) => /^\/[a-z/-]+\.(html|js|css)$/.test(p))) throw new Error("edge config: preferencePagePaths must be exact file paths");
  c.replayCacheSize = c.replayCacheSize ?? 10000;
  // true: IdP-initiated sign-in (the Identity Center portal's tile) works, and so could a login CSRF with an
  // attacker's own response; false: only responses to a sign-in this browser started (InResponseTo + cookie).
  c.allowUnsolicitedResponses = c.allowUnsolicitedResponses ?? true;
  if (typeof c.allowUnsolicitedResponses !== "boolean") throw new Error("edge config: allowUnsolicitedResponses must be true or false");
  return Object.freeze(c);
}

export { ROLES };
