// SESSION TOKEN CONTRACT (shared with the API, lambda/ChangeMgmt.Lambda):
// JWT, HS256, key = base64-decoded sessionSecret, header {"alg":"HS256","typ":"JWT"},
// iss "changemgmt-edge", aud "changemgmt-api", sub (NameID), name?, email?, roles[], customers[]?
// (present => customer-scoped), iat, exp = iat + ttl, jti (random).
// auth_time (when the IdP sign-in happened) is an extra claim the edge uses to cap sliding refresh.
import { SignJWT, jwtVerify } from "jose";
import { randomUUID } from "node:crypto";

export const ISSUER = "changemgmt-edge";
export const AUDIENCE = "changemgmt-api";

export async function issueSession(config, identity, nowSec) {
  const claims = { roles: identity.roles };
  if (identity.name) claims.name = identity.name;
  if (identity.email) claims.email = identity.email;
  if (identity.customers) claims.customers = identity.customers;
  claims.auth_time = identity.authTime ?? nowSec;
  return await new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(identity.sub)
    .setIssuedAt(nowSec)
    .setExpirationTime(nowSec + config.sessionTtlSeconds)
    .setJti(randomUUID())
    .sign(config.sessionKey);
}

// Returns the verified claims, or null for any invalid, expired, tampered or foreign token.
export async function verifySession(config, token, nowSec) {
  try {
    const { payload } = await jwtVerify(token, config.sessionKey, {
      algorithms: ["HS256"],
      issuer: ISSUER,
      audience: AUDIENCE,
      typ: "JWT",
      currentDate: new Date(nowSec * 1000),
      requiredClaims: ["sub", "iat", "exp", "jti", "roles"],
    });
    if (!Array.isArray(payload.roles) || payload.roles.length === 0) return null;
    if (payload.iat > nowSec + config.clockSkewSeconds) return null;
    const authTime = typeof payload.auth_time === "number" ? payload.auth_time : payload.iat;
    if (nowSec - authTime > config.maxSessionSeconds) return null;
    return payload;
  } catch {
    return null;
  }
}
