// Every write the portal makes carries x-amz-content-sha256, the SHA-256 of exactly the bytes it sends
// (CloudFront's origin access control to the API's Lambda function URL signs the body with it): a
// new draft with non-ASCII text, its edit, its submission (no body) and another draft's deletion.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { newPage, step } from './support/browser.js';
import { expectText, expectVisible, sel, setField } from './support/expect.js';
import { fillChangeForm, sampleChange, sampleChangeJson, saveDraft } from './support/portal.js';
import { useServerAndBrowser } from './support/fixture.js';

const env = useServerAndBrowser('signed-writes');
const writes = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The page's API writes as they left the browser: method, path, the body's bytes, the hash header; and the answer. */
function recordWrites(page) {
  const seen = [];
  page.on('requestfinished', (request) => {
    const url = new URL(request.url());
    if (!writes.has(request.method()) || !url.pathname.startsWith('/api/')) return;
    seen.push((async () => ({
      what: `${request.method()} ${url.pathname}`,
      body: request.postDataBuffer() ?? Buffer.alloc(0),
      hash: (await request.allHeaders())['x-amz-content-sha256'],
      status: (await request.response())?.status(),
    }))());
  });
  return () => Promise.all(seen);
}

describe('the portal signs its writes for CloudFront', () => {
  it('create, edit, submit and delete send the SHA-256 of their exact body', { timeout: 120_000 }, async () => {
    const page = await newPage(env.browser, env.server);
    const s = (name, fn) => step(page, env.server, 'signed-writes', name, fn);
    const recorded = recordWrites(page);
    const change = { ...sampleChange(`Z\u00fcrich \u2014 \u6771\u4eac ${Date.now().toString(36)}`), customers: ['acme'] };
    try {
      let id;
      await s('create', async () => {
        await page.goto('/change.html');
        await fillChangeForm(page, change);
        id = await saveDraft(page);
      });
      await s('edit', async () => {
        await setField(page, 'field-title', `${change.title} \u00e9dit\u00e9`);
        await page.locator(sel('save-draft')).click();
        await expectText(page, 'form-status', /version 2/i, { what: 'after the edit' });
      });
      await s('submit', async () => {
        await page.locator(sel('submit')).click();
        await page.waitForURL(/detail\.html\?id=/, { timeout: 15_000 });
      });
      await s('delete', async () => {
        const other = await env.server.api('POST', '/api/changes', sampleChangeJson('to delete'));
        assert.equal(other.status, 201, other.text);
        await page.goto(`/detail.html?id=${encodeURIComponent(other.body.changeId)}`);
        await expectVisible(page, 'action-delete');
        const deleted = page.waitForResponse((r) => r.request().method() === 'DELETE');
        await page.locator(sel('action-delete')).click();
        assert.equal((await deleted).status(), 204);
      });

      const sent = await recorded();
      const made = sent.map((w) => w.what);
      for (const want of ['POST /api/changes', `PUT /api/changes/${id}`, `POST /api/changes/${id}/submit`])
        assert.ok(made.includes(want), `${want} among the writes: ${made.join(', ')}`);
      assert.ok(made.some((w) => w.startsWith('DELETE /api/changes/')), `a DELETE among the writes: ${made.join(', ')}`);
      // More bytes than characters: the title's non-ASCII characters went out as multi-byte UTF-8.
      assert.ok(sent.some((w) => w.body.length > w.body.toString('utf8').length), 'a body with non-ASCII text was sent');
      for (const w of sent) {
        assert.equal(w.hash, createHash('sha256').update(w.body).digest('hex'), `${w.what}: x-amz-content-sha256 is the SHA-256 of its ${w.body.length}-byte body`);
        assert.ok(w.status < 300, `${w.what} answered ${w.status}`);
      }
    } finally {
      await page.context().close();
    }
  });
});
