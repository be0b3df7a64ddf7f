// Delivery at scale and when nobody is told: a change for 30 customers, one of which (hooli) has no
// contacts at all. The detail page summarises the rows ("29 sent, 1 told nobody") above them, and
// hooli's "sent 0 of 0" is a warning naming the topic and the cmdlets that fix it, not a green success.
// On a phone, tapping a sent message in the outbox brings it into view.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { viewports, withPage } from './support/browser.js';
import { expectText, sel } from './support/expect.js';
import { sampleChangeJson } from './support/portal.js';
import { useServerAndBrowser } from './support/fixture.js';

const extra = Array.from({ length: 25 }, (_, i) => `cust${String(i + 1).padStart(2, '0')}`);
const silent = 'hooli';

/** 26 more customers like globex; each of cust01…cust25 gets one contact subscribed to everything, hooli none. */
function thirtyCustomers(config, contacts) {
  const template = config.customer_mappings.globex;
  for (const code of [...extra, silent]) {
    config.customer_mappings[code] = {
      ...template, customer_code: code, customer_name: code === silent ? 'Hooli' : `Customer ${code.slice(4)}`,
      sqs_queue_arn: template.sqs_queue_arn.replace('globex', code),
    };
  }
  const alice = contacts.acme.Contacts.find((c) => c.EmailAddress.startsWith('alice@'));
  for (const code of extra) contacts[code] = { Contacts: [{ ...alice, EmailAddress: `alice@${code}.example` }] };
}

const env = useServerAndBrowser('delivery', { configure: thirtyCustomers });
const customers = ['acme', 'globex', 'initech', 'umbrella', ...extra, silent];
let id;

describe('delivery to 30 customers', () => {
  before(async () => {
    const created = await env.server.api('POST', '/api/changes', sampleChangeJson(`Thirty ${Date.now().toString(36)}`, customers));
    assert.equal(created.status, 201, created.text);
    id = created.body.changeId;
    assert.equal((await env.server.api('POST', `/api/changes/${id}/submit`)).status, 200);
  });

  it('summarises the rows above them and warns where nobody was told, with the fix', { timeout: 180_000 }, async () => {
    await withPage(env, 'delivery-30', async (page, s) => {
      await s('summary', async () => {
        await page.goto(`/detail.html?id=${encodeURIComponent(id)}`);
        await expectText(page, 'delivery-summary', /^30 customers: 29 sent, 1 told nobody$/, { timeout: 120_000 });
        const summary = await page.locator(sel('delivery-summary')).boundingBox();
        const firstRow = await page.locator('[data-testid^="delivery-"]:not([data-testid="delivery-summary"])').first().boundingBox();
        assert.ok(summary.y < firstRow.y, 'the summary is above the rows');
      });
      await s('nobody-told', async () => {
        const row = await expectText(page, `delivery-${silent}`, /nobody was told/i);
        assert.doesNotMatch(row, /sent 0 of 0/);
        assert.equal(await page.locator(sel(`delivery-${silent}`)).getAttribute('data-untold'), 'true');
        await expectText(page, `warning-${silent}`, /No subscribers to aws-approval at Hooli/);
        await expectText(page, `warning-${silent}`, /Add-SesContact -Customer hooli .*Set-SesContactSubscription -Customer hooli/);
        const colour = await page.locator(`${sel(`delivery-${silent}`)} .state`).evaluate((el) => getComputedStyle(el).color);
        const green = await page.locator(`${sel('delivery-acme')} .state`).evaluate((el) => getComputedStyle(el).color);
        assert.notEqual(colour, green, 'not shown as the green of a success');
        await expectText(page, 'delivery-acme', /sent \d+ of \d+/);
      });
    });
  });

  it('on a phone, tapping a sent message brings it into view', { timeout: 90_000 }, async () => {
    await withPage(env, 'outbox-phone', async (page, s) => {
      await s('tap', async () => {
        await page.goto('/outbox.html?customer=acme');
        const message = page.locator(sel('outbox-message')).first();
        await message.waitFor();
        await message.tap();
        const frame = page.locator(sel('outbox-html'));
        await frame.waitFor();
        const inView = await frame.evaluate((el) => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; });
        assert.ok(inView, 'the message starts within the screen');
        assert.equal(await page.evaluate(() => document.activeElement?.id), 'message-h', 'focus moved to the message');
      });
      await s('back', async () => {
        await page.locator(sel('outbox-back')).tap();
        assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'outbox-message', 'back on the list, at the message');
      });
    }, { viewport: viewports.phone });
  });
});
