// A recipient's preferences page: the page, its script and stylesheet and /api/preferences reach the origin
// without a session (the API checks the link's token); nothing beside them does.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHandler } from "../src/app.js";
import * as t from "./idp.js";

const idp = t.makeIdp();
const h = createHandler(t.config(idp), { log: {} });

test("the preferences page, its script and stylesheet load without a session and without its cookie", async () => {
  for (const uri of ["/preferences.html", "/js/pages/preferences.js", "/css/preferences.css"]) {
    const e = t.event({ uri, querystring: "token=abc.def", cookie: "cm_session=anything" });
    const res = await h(e);
    assert.equal(res, e.Records[0].cf.request, uri);
    assert.equal(res.headers.cookie, undefined, uri);
  }
});

test("GET and PUT /api/preferences pass with the token, and no forged identity header goes along", async () => {
  for (const method of ["GET", "PUT"]) {
    const e = t.event({ uri: "/api/preferences", method, querystring: "token=abc.def", headers: { "X-Forwarded-User": "root" } });
    const res = await h(e);
    assert.equal(res, e.Records[0].cf.request, method);
    assert.equal(res.querystring, "token=abc.def");
    assert.equal(res.headers["x-forwarded-user"], undefined);
  }
});

test("other methods on the preferences paths are 405", async () => {
  assert.equal((await h(t.event({ uri: "/api/preferences", method: "DELETE" }))).status, "405");
  assert.equal(t.header(await h(t.event({ uri: "/api/preferences", method: "POST" })), "allow"), "GET, PUT");
  assert.equal((await h(t.event({ uri: "/preferences.html", method: "POST" }))).status, "405");
});

test("nothing beside them is open: other pages, scripts and API paths still need a session", async () => {
  for (const uri of ["/index.html", "/js/dom.js", "/css/site.css", "/preferences", "/js/pages/detail.js"]) {
    assert.equal((await h(t.event({ uri }))).status, "302", uri);
  }
  for (const uri of ["/api/preferences/x", "/api/preferencesx", "/api/customers", "/api/preferences/../customers"]) {
    assert.equal((await h(t.event({ uri }))).status, "401", uri);
  }
});
