// RelayState is only ever a same-origin relative path (+query); anything else becomes "/".
const BASE = "https://relaystate.invalid";

export function safeRelayState(value) {
  if (typeof value !== "string" || value.length === 0 || value.length > 1024) return "/";
  if (!value.startsWith("/") || value.startsWith("//")) return "/";
  // Backslashes (browsers read "/\evil" as "//evil"), control characters and whitespace are refused.
  if (/[\\\u0000-\u0020\u007f]/.test(value)) return "/";
  let u;
  try {
    u = new URL(value, BASE);
  } catch {
    return "/";
  }
  if (u.origin !== BASE) return "/";
  if (u.pathname.startsWith("/saml/")) return "/";
  return u.pathname + u.search;
}

export function requestPath(request) {
  const qs = request.querystring ? "?" + request.querystring : "";
  return safeRelayState(request.uri + qs);
}
