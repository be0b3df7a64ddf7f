// A customer whose SES account fails: the change's detail page shows "retrying, attempt n of 5" with the
// reason, then "failed" after the last attempt with a Redrive button (admin); once the account is back,
// Redrive sends the dead letter back to the queue and the customer's delivery reaches "sent".
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { newPage, step } from './support/browser.js';
import { eventually, expectText, expectVisible } from './support/expect.js';
import { sampleChangeJson } from './support/portal.js';
import { browserTestsDir } from './support/server.js';
import { useServerAndBrowser } from './support/fixture.js';

const outage = path.join(browserTestsDir, 'support', 'ses-outage.py');

describe('an admin redrives a customer\'s dead letters from the change page', () => {
  const env = useServerAndBrowser('redrive');
  let page;
  before(async () => { page = await newPage(env.browser, env.server); });

  it('shows retrying, then failed with the reason, and after Redrive sent', { timeout: 120_000 }, async () => {
    await step(page, env.server, 'redrive', 'outage, redrive, recovery', async () => {
      const server = env.server;
      const db = path.join(server.dataDir, 'changemgmt.db');
      execFileSync('python3', [outage, db, 'break']);

      const created = await server.api('POST', '/api/changes', sampleChangeJson(`Outage${Date.now().toString(36)}`, ['umbrella']));
      assert.equal(created.status, 201, created.text);
      const id = created.body.changeId;
      const submitted = await server.api('POST', `/api/changes/${id}/submit`, {});
      assert.equal(submitted.status, 200, submitted.text);

      await page.goto(`/detail.html?id=${encodeURIComponent(id)}`, { waitUntil: 'domcontentloaded' });
      await expectText(page, 'reason-umbrella', /^retrying, attempt [1-4] of 5: .*no such table/,
        { timeout: 30_000, what: 'the failed attempt with its number and reason' });
      // The local queue offers the message again after 1, 2, 4 and 8 s: the fifth attempt is the last.
      await expectText(page, 'delivery-umbrella', /failed/, { timeout: 60_000, what: 'the last attempt' });
      await expectText(page, 'reason-umbrella', /attempt 5 of 5 \(the last; the message is dead-lettered\)/);
      await expectVisible(page, 'redrive-umbrella', { what: 'the admin\'s Redrive button' });

      // The queue moves the message to the dead letters when it would offer it a sixth time.
      await eventually(() => server.api('GET', '/api/dead-letters?customer=umbrella'), (r) => r.body?.items?.length === 1,
        { timeout: 30_000, what: 'the message dead-lettered' });
      execFileSync('python3', [outage, db, 'restore']);
      await page.click('[data-testid="redrive-umbrella"]');

      await expectText(page, 'detail-status', /1 dead letter of .* sent back to its queue/i, { what: 'the redrive result' });
      await expectText(page, 'delivery-umbrella', /\bsent\b/i, { timeout: 60_000, what: 'umbrella delivered after the redrive' });
    });
  });
});
