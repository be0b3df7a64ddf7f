// Calendar feeds: /calendar/* reaches the API without a session (the API checks the feed token), read-only.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHandler } from "../src/app.js";
import { validateConfig } from "../src/config.js";
import * as t from "./idp.js";

const idp = t.makeIdp();
const h = createHandler(t.config(idp), { log: {} });

test("a feed GET without a session is forwarded with its token, and never redirected to sign-in", async () => {
  const e = t.event({ uri: "/calendar/acme.ics", querystring: "token=abc.def" });
  const res = await h(e);
  assert.equal(res, e.Records[0].cf.request, "the request itself is returned");
  assert.equal(res.querystring, "token=abc.def");
});

test("a feed HEAD is forwarded too", async () => {
  const e = t.event({ uri: "/calendar/all.ics", method: "HEAD" });
  assert.equal(await h(e), e.Records[0].cf.request);
});

test("a feed request carries no session cookie and no forged identity header to the API", async () => {
  const e = t.event({ uri: "/calendar/acme.ics", querystring: "token=x", cookie: "cm_session=anything", headers: { "X-Forwarded-User": "root" } });
  const res = await h(e);
  assert.equal(res.headers.cookie, undefined);
  assert.equal(res.headers["x-forwarded-user"], undefined);
});

test("feeds are read-only: any other method is 405", async () => {
  for (const method of ["POST", "PUT", "DELETE", "PATCH"]) {
    const res = await h(t.event({ uri: "/calendar/acme.ics", method }));
    assert.equal(res.status, "405", method);
    assert.equal(t.header(res, "allow"), "GET, HEAD");
  }
});

test("only the feed prefix is open: /calendar.html and /api/calendar-feeds still need a session", async () => {
  assert.equal((await h(t.event({ uri: "/calendar.html" }))).status, "302");
  assert.equal((await h(t.event({ uri: "/calendar" }))).status, "302");
  assert.equal((await h(t.event({ uri: "/api/calendar-feeds" }))).status, "401");
});

test("anything under the prefix but one feed file needs a session: no traversal to the API through the feed path", async () => {
  for (const uri of ["/calendar/../api/changes", "/calendar/%2e%2e/api/changes", "/calendar/acme.ics/x", "/calendar/a%2Fb.ics", "/calendar/", "/calendar/acme"]) {
    const res = await h(t.event({ uri }));
    assert.equal(res.status, "302", uri);
  }
});

test("a feed prefix that is not a plain path, or the API's, is refused at build", () => {
  for (const feedPathPrefix of ["calendar/", "/", "/api/", "/calendar"]) {
    assert.throws(() => validateConfig({ ...t.config(idp), feedPathPrefix }), /feedPathPrefix/, feedPathPrefix);
  }
});
