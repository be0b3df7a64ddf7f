// The deployment artifact: build.mjs bundles ONE CommonJS file with the configuration inlined;
// load it as Lambda does (require) and sign in through it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, statSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import * as t from "./idp.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

test("build.mjs bundles one minified CJS file that loads and handles requests", async (ctx) => {
  const idp = t.makeIdp();
  const dir = mkdtempSync(join(tmpdir(), "edge-auth-"));
  writeFileSync(join(dir, "config.json"), JSON.stringify(t.config(idp)));
  const outfile = join(dir, "dist", "index.js");
  const r = spawnSync(process.execPath, ["build.mjs", "--outfile", outfile], {
    cwd: root, env: { ...process.env, EDGE_CONFIG: join(dir, "config.json") }, encoding: "utf8",
  });
  assert.equal(r.status, 0, r.stderr + r.stdout);
  const size = statSync(outfile).size;
  ctx.diagnostic(`bundle size: ${size} bytes`);
  assert.ok(size < 1024 * 1024, `bundle is ${size} bytes; a viewer-request package must stay under 1 MB`);
  assert.deepEqual(readdirSync(join(dir, "dist")).sort(), ["index.js", "package.json"]);

  const { handler } = createRequire(import.meta.url)(outfile);
  assert.equal(typeof handler, "function");
  const redirect = await handler(t.event({ uri: "/changes", querystring: "q=x" }));
  assert.equal(redirect.status, "302");
  assert.equal(new URL(t.header(redirect, "location")).searchParams.get("RelayState"), "/changes?q=x");

  const signin = await handler(t.acsEvent(t.sign(t.responseXml(), idp), "/changes"));
  assert.equal(signin.status, "200");
  const cookie = t.cookieValue(signin);
  assert.ok(cookie);
  const e = t.event({ uri: "/changes", cookie: `cm_session=${cookie}` });
  assert.equal(await handler(e), e.Records[0].cf.request);
  const forged = await handler(t.acsEvent(t.sign(t.responseXml(), t.makeIdp("other")), "/changes"));
  assert.equal(forged.status, "403");
});

test("the build refuses the example configuration and a missing one", () => {
  const ex = spawnSync(process.execPath, ["build.mjs", "--outfile", join(tmpdir(), "never.js")], {
    cwd: root, env: { ...process.env, EDGE_CONFIG: join(root, "config.example.json") }, encoding: "utf8",
  });
  assert.notEqual(ex.status, 0);
  assert.match(ex.stderr, /replace the example values/);
  const missing = spawnSync(process.execPath, ["build.mjs"], {
    cwd: root, env: { ...process.env, EDGE_CONFIG: join(tmpdir(), "no-such-config.json") }, encoding: "utf8",
  });
  assert.equal(missing.status, 2);
});
