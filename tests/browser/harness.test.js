// The harness itself: the Release server starts in local mode and answers, chromium starts and
// renders a page from it. When this fails, every other browser test's failure is about the machine.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnostics, newPage, shot } from './support/browser.js';
import { useServerAndBrowser } from './support/fixture.js';

const env = useServerAndBrowser('harness');

test('the local server is healthy and lists the example customers', async () => {
  const health = await env.server.api('GET', '/api/health');
  assert.deepEqual([health.status, health.body?.status, health.body?.mode], [200, 'ok', 'local']);
  const customers = await env.server.api('GET', '/api/customers');
  const codes = customers.body.items.map((c) => c.code);
  for (const code of ['acme', 'globex', 'initech']) assert.ok(codes.includes(code), `customers: ${codes}`);
});

test('headless chromium opens a page of the server', async () => {
  const page = await newPage(env.browser, env.server);
  try {
    const response = await page.goto('/api/health');
    assert.equal(response.status(), 200, diagnostics(page, env.server));
    assert.match(await page.textContent('body'), /"status"\s*:\s*"ok"/);
    await shot(page, 'harness', 'health');
  } finally {
    await page.context().close();
  }
});
