// RelayState after sign-in: only ever a path on the portal's own origin, judged on the final,
// normalised value the landing page navigates to (issue: "/.//evil.example/x" became "//evil.example/x").
import assert from "node:assert/strict";
import { test } from "node:test";
import { safeRelayState } from "../src/relaystate.js";

const ORIGIN = "https://portal.example";
const staysHome = (target) => target.startsWith("/") && !target.startsWith("//") && new URL(target, ORIGIN).origin === ORIGIN;

const attacks = [
  "/.//evil.example/x", "/././/evil.example", "/a/..//evil.example/x", "/%2e/%2e//evil.example", "/..//evil.example",
  "/\\evil.example", "\\\\evil.example", "/.\\/evil.example", "//evil.example", "///evil.example",
  "/%2F%2Fevil.example", "%2F%2Fevil.example", "/%5Cevil.example", "%5C%5Cevil.example",
  "/\t/evil.example", "/\n/evil.example", "/%09/evil.example", "\t//evil.example", "/x\r\nLocation: //evil.example",
  "/\uFF0F/evil.example", "/\u2215/evil.example", "/\u2044/evil.example", "\uFF0F\uFF0Fevil.example",
  "https://evil.example/", "http:evil.example", "evil.example", "//user@evil.example", "javascript:alert(1)", "JaVaScRiPt:alert(1)",
  "data:text/html,<script>alert(1)</script>", "/saml/acs", "/./saml/logout", " /x", "/" + "a".repeat(1100), "",
];

test("every attack in the corpus ends on the portal's own origin", () => {
  for (const value of attacks) {
    const target = safeRelayState(value);
    assert.ok(staysHome(target), `${JSON.stringify(value)} -> ${JSON.stringify(target)} leaves the origin`);
  }
});

test("the normalising attacks that used to leave the origin now land on /", () => {
  for (const value of ["/.//evil.example/x", "/././/evil.example", "/a/..//evil.example/x", "/..//evil.example", "/.\\/evil.example"])
    assert.equal(safeRelayState(value), "/", value);
});

test("absolute URLs, schemes, backslashes, control characters and very long values land on /", () => {
  for (const value of ["https://evil.example/", "javascript:alert(1)", "\\\\evil.example", "/\\evil.example", "/\t/evil.example", "/" + "a".repeat(1100)])
    assert.equal(safeRelayState(value), "/", value);
});

test("encoded and unicode slashes stay paths on the portal (percent-encoded, never decoded into a host)", () => {
  assert.equal(safeRelayState("/%2F%2Fevil.example"), "/%2F%2Fevil.example");
  assert.equal(safeRelayState("/%09/evil.example"), "/%09/evil.example");
  assert.equal(safeRelayState("/\uFF0F/evil.example"), "/%EF%BC%8F/evil.example");
});

test("the portal's own pages keep their path and query", () => {
  for (const value of ["/", "/detail.html?id=CHG-20261206-0GAXRM&action=approve", "/changes.html?status=submitted", "/search.html?q=a%20b"])
    assert.equal(safeRelayState(value), value);
  assert.equal(safeRelayState("/a/../detail.html?id=1"), "/detail.html?id=1");
});
