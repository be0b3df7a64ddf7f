// RelayState is only ever a same-origin relative path (+query); anything else becomes "/".
const BASE = "https://relaystate.invalid";

export function safeRelayState(value) {
  if (typeof value !== "string" || value.length === 0 || value.length > 1024 || !sameOriginPath(value)) return "/";
  const u = new URL(value, BASE);
  if (u.pathname.startsWith("/saml/")) return "/";
  // Normalising can make an off-site path of a same-site one ("/.//evil" is "//evil"): the final value is checked again.
  const path = u.pathname + u.search;
  return sameOriginPath(path) ? path : "/";
}

/** A path on this origin: starts with one "/", no backslash (browsers read "/\\evil" as "//evil"), no control or space characters. */
function sameOriginPath(path) {
  if (!path.startsWith("/") || path.startsWith("//") || /[\\\u0000-\u0020\u007f]/.test(path)) return false;
  try {
    return new URL(path, BASE).origin === BASE;
  } catch {
    return false;
  }
}

export function requestPath(request) {
  const qs = request.querystring ? "?" + request.querystring : "";
  return safeRelayState(request.uri + qs);
}
