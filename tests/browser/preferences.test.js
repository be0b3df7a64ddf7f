// A recipient's own preferences, from a real sent email: a change's approval request goes out through acme's
// local SES account, the .eml in the outbox holds each recipient's own preferences link (HTML and text alike);
// opened in the browser, it shows that recipient's topics, and saving changes that contact's and nobody else's.
// An edited link opens nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newPage, shot } from './support/browser.js';
import { eventually, expectText, sel } from './support/expect.js';
import { useServerAndBrowser } from './support/fixture.js';
import { sampleChangeJson } from './support/portal.js';
import { preferencesLinks, preferencesOf } from './support/preferences.js';

const env = useServerAndBrowser('preferences');

/** The approval request of the change sent to each address, once acme's outbox has them all. */
async function approvalRequests(id, addresses) {
  const { body } = await eventually(() => env.server.api('GET', '/api/outbox?customer=acme&pageSize=1000'),
    (r) => addresses.every((a) => r.body?.items?.some((m) => m.tags?.change === id && m.tags?.notification === 'ApprovalRequest' && m.to.includes(a))),
    { timeout: 60_000, what: `approval requests for ${id} to ${addresses}` });
  return addresses.map((a) => body.items.find((m) => m.tags.change === id && m.tags.notification === 'ApprovalRequest' && m.to.includes(a)));
}

const statusOf = (prefs, topic) => prefs.topics.find((t) => t.name === topic)?.status;

test('the preferences link of a sent email opens that recipient\'s topics; saving changes that contact only', async () => {
  const created = await env.server.api('POST', '/api/changes', sampleChangeJson(`preferences ${Date.now()}`, ['acme']));
  assert.equal(created.status, 201, created.text);
  const id = created.body.changeId;
  assert.equal((await env.server.api('POST', `/api/changes/${id}/submit`)).status, 200);
  const [alice, bob] = await approvalRequests(id, ['alice@acme.example', 'bob@acme.example']);

  const aliceLinks = await preferencesLinks(env.server, alice.messageId);
  assert.deepEqual(aliceLinks.map((l) => l.part).sort(), ['text/html', 'text/plain'], JSON.stringify(aliceLinks));
  assert.equal(aliceLinks[0].url, aliceLinks[1].url, 'one link per recipient, the same in both parts');
  const [bobLink] = await preferencesLinks(env.server, bob.messageId);
  assert.notEqual(bobLink.url, aliceLinks[0].url, 'each recipient has a link of their own');
  const bobBefore = (await preferencesOf(env.server, bobLink.url)).body;
  assert.equal(statusOf(bobBefore, 'aws-approval'), 'OPT_IN');

  const page = await newPage(env.browser, env.server);
  try {
    await page.goto(aliceLinks.find((l) => l.part === 'text/html').url);
    await expectText(page, 'prefs-email', 'alice@acme.example');
    await expectText(page, 'prefs-customer', /\S/);
    assert.equal(await page.isChecked(sel('prefs-topic-aws-approval')), true);
    assert.equal(await page.locator('nav, #site-header').count(), 0, 'no way into the signed-in portal');
    await shot(page, 'preferences', 'opened');

    await page.locator(sel('prefs-topic-aws-approval')).uncheck();
    await page.locator(sel('prefs-save')).click();
    await expectText(page, 'prefs-status', /^Saved/);
    assert.equal(await page.isChecked(sel('prefs-topic-aws-approval')), false);
    await shot(page, 'preferences', 'saved');

    const aliceAfter = (await preferencesOf(env.server, aliceLinks[0].url)).body;
    assert.equal(statusOf(aliceAfter, 'aws-approval'), 'OPT_OUT');
    assert.equal(statusOf(aliceAfter, 'aws-announce'), 'OPT_IN', 'the other topics are as they were');
    assert.deepEqual((await preferencesOf(env.server, bobLink.url)).body, bobBefore, 'bob, another contact, is unchanged');

    // The change reaches the delivery: the next approval request goes to bob, not to alice.
    const next = (await env.server.api('POST', '/api/changes', sampleChangeJson(`preferences next ${Date.now()}`, ['acme']))).body.changeId;
    assert.equal((await env.server.api('POST', `/api/changes/${next}/submit`)).status, 200);
    await approvalRequests(next, ['bob@acme.example']);
    const deliveries = await eventually(() => env.server.api('GET', `/api/changes/${next}/deliveries`),
      (r) => r.status === 200 && JSON.stringify(r.body).includes('bob@acme.example'), { timeout: 30_000, what: `deliveries of ${next}` });
    assert.doesNotMatch(JSON.stringify(deliveries.body), /alice@acme\.example/);

    const url = new URL(aliceLinks[0].url);
    const token = url.searchParams.get('token');
    url.searchParams.set('token', `${token.slice(0, 5)}${token[5] === 'A' ? 'B' : 'A'}${token.slice(6)}`);
    await page.goto(url.toString());
    await expectText(page, 'prefs-status', /expired or is not valid/);
    assert.equal(await page.locator(sel('prefs-form')).isVisible(), false);
    await shot(page, 'preferences', 'edited-link');
  } finally {
    await page.context().close();
  }
});
