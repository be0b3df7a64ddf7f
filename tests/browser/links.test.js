// Every link in every email lands where it says: the messages acme's local SES account really sent
// for a change's whole life (approval request, announcement, calendar invite, completion; and a
// cancellation with its ICS CANCEL), each part of each .eml (text, HTML, ICS), each portal link opened
// in the browser. The approve link, opened while the change awaits approval, shows the action ready.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnostics, newPage, shot } from './support/browser.js';
import { links, parts } from './support/eml.js';
import { expectText, sel } from './support/expect.js';
import { useServerAndBrowser } from './support/fixture.js';
import { sampleChangeJson } from './support/portal.js';
import { isPreferencesLink } from './support/preferences.js';

const env = useServerAndBrowser('links');

async function act(id, action, body) {
  const res = await env.server.api('POST', `/api/changes/${id}/${action}`, body);
  assert.equal(res.status, 200, `${action}: ${res.text}`);
}

/** Bounded poll of acme's outbox until the change's messages of these kinds are there; resolves them. */
async function sent(id, kinds) {
  const deadline = Date.now() + 60_000;
  while (true) {
    const items = (await env.server.api('GET', '/api/outbox?customer=acme&pageSize=1000')).body.items.filter((m) => m.tags.change === id);
    if (kinds.every((k) => items.some((m) => m.tags.notification === k))) return items;
    if (Date.now() > deadline) throw new Error(`acme's outbox has ${items.map((m) => m.tags.notification)} for ${id}, not yet ${kinds}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Every portal link of a sent message, with the part it was found in. */
async function portalLinks(message) {
  const response = await fetch(env.server.url(`/api/outbox/${message.messageId}/eml`));
  const raw = Buffer.from(await response.arrayBuffer()).toString('latin1');
  return parts(raw).flatMap((part) => links(part).filter((u) => u.startsWith(env.server.baseUrl)).map((url) => ({ url, part: part.type, kind: message.tags.notification, to: message.to })));
}

async function expectLandsOn(page, link, id) {
  await page.goto(link.url);
  if (isPreferencesLink(link.url)) {
    // The recipient's own preferences link: it opens that recipient's preferences, not the change.
    await expectText(page, 'prefs-email', link.to.match(/[^<\s]+@[^>\s]+/)[0], { what: `${link.kind} ${link.part} preferences link` });
    return;
  }
  await expectText(page, 'change-id', id, { what: `${link.kind} ${link.part} link ${link.url}` });
  assert.doesNotMatch(await page.textContent(sel('detail-status')) ?? '', /Loading .* failed|not found/i, diagnostics(page, env.server));
}

test('each link of each sent message opens its change; the approve link readies the approve action', async () => {
  const created = await env.server.api('POST', '/api/changes', sampleChangeJson(`links ${Date.now()}`, ['acme']));
  const id = created.body.changeId;
  const cancelled = (await env.server.api('POST', '/api/changes', sampleChangeJson(`links cancelled ${Date.now()}`, ['acme']))).body.changeId;
  const page = await newPage(env.browser, env.server);
  try {
    await act(id, 'submit');
    const [request] = (await sent(id, ['ApprovalRequest'])).filter((m) => m.tags.notification === 'ApprovalRequest');
    const requestLinks = await portalLinks(request);
    const approve = requestLinks.filter((l) => new URL(l.url).searchParams.get('action') === 'approve');
    assert.deepEqual(approve.map((l) => l.part).sort(), ['text/html', 'text/plain'], JSON.stringify(requestLinks));
    for (const link of approve) {
      await expectLandsOn(page, link, id);
      await expectText(page, 'detail-status', /awaits your approval/);
      assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'action-approve', 'the Approve button has the focus');
      assert.equal(await page.isVisible(sel('action-approve')), true);
      await shot(page, 'links', `approve-link-${link.part.replace('/', '-')}`);
    }
    assert.equal((await env.server.api('GET', `/api/changes/${id}`)).body.status, 'submitted', 'opening the link approved nothing');

    await act(id, 'approve');
    await sent(id, ['Announcement', 'CalendarInvite']);
    await act(id, 'complete', { early: true, reason: 'The window is in 2030: completed early on purpose.' });
    await act(cancelled, 'submit');
    await act(cancelled, 'approve');
    await sent(cancelled, ['Announcement', 'CalendarInvite']);
    await act(cancelled, 'cancel');
    const messages = [...await sent(id, ['Completion']), ...await sent(cancelled, ['Cancellation', 'CalendarCancel'])];

    const seen = new Set();
    for (const message of messages) {
      const found = await portalLinks(message);
      assert.ok(found.length > 0, `${message.tags.notification} holds no portal link`);
      for (const link of found) {
        seen.add(isPreferencesLink(link.url) ? `${link.kind} preferences ${link.part}` : `${link.kind} ${link.part}`);
        await expectLandsOn(page, link, message.tags.change);
      }
    }
    for (const expected of ['Announcement text/html', 'Announcement text/plain', 'CalendarInvite text/calendar', 'Completion text/html',
      'Completion text/plain', 'Cancellation text/html', 'Cancellation text/plain', 'ApprovalRequest text/html', 'Completion preferences text/html',
      'Completion preferences text/plain'])
      assert.ok(seen.has(expected), `no link checked in ${expected}: ${[...seen]}`);
    await shot(page, 'links', 'last-link');
  } finally {
    await page.context().close();
  }
});
