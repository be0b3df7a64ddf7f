// Announcements in the portal: written in the form for two customers, published (general needs no approval),
// delivered by the local worker, and the page shows "sent N of N" per customer where N is what the local SES outbox
// holds for that customer; a FinOps one waits for an approver (the Approve button is not an editor's); Markdown
// with a script and a javascript: link previews inert; search and the dashboard list both kinds, filtered by kind;
// the form and the page at a phone's width.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { viewports, withPage } from './support/browser.js';
import { eventually, expectHidden, expectText, expectVisible, sel, setField } from './support/expect.js';
import { pickCustomers, renderedText, sampleChangeJson } from './support/portal.js';
import { useServerAndBrowser } from './support/fixture.js';

const env = useServerAndBrowser('announcements');
const token = () => Date.now().toString(36);

/** The emails the local SES accounts sent for the announcement, per customer. */
async function sentTo(id, customer) {
  const { body } = await env.server.api('GET', `/api/outbox?customer=${customer}&pageSize=1000`);
  return body.items.filter((m) => m.tags?.change === id);
}

/** An announcement written through the API (for the tests about something after the form). */
async function seed(title, type, customers, extra = {}) {
  const created = await env.server.api('POST', '/api/announcements', {
    announcement_type: type, title, summary: 'What the customer should know.', content: 'The **details**.', customers, ...extra,
  });
  assert.equal(created.status, 201, created.text);
  return created.body.announcement_id;
}

/** Fills the form as a person does. */
async function fillForm(page, a) {
  await expectVisible(page, 'customer-acme');
  await setField(page, 'field-type', a.type);
  await setField(page, 'field-title', a.title);
  await setField(page, 'field-summary', a.summary);
  await setField(page, 'field-content', a.content);
  if (a.links) await setField(page, 'field-links', a.links);
  await pickCustomers(page, a.customers);
}

describe('announcements in the portal', () => {
  it('create in the form → publish → delivered: sent N of N per customer, N the emails each customer got', { timeout: 180_000 }, async () => {
    const title = `Maintenance portal retired ${token()}`;
    await withPage(env, 'announcement-publish', async (page, s) => {
      await s('form', async () => {
        await page.goto('/announcement.html');
        await fillForm(page, {
          type: 'general', title, summary: 'The old portal goes away on 1 March.',
          content: 'Use the **new portal** from now on.\n\n- bookmarks move\n- logins stay', links: 'New portal | https://portal.example/new',
          customers: ['acme', 'globex'],
        });
        await expectText(page, 'type-hint', /general-updates\. Sent as soon as it is published/);
        await expectText(page, 'submit', /^Publish$/);
      });
      await s('preview', async () => {
        await setField(page, 'preview-customer', 'globex');
        await page.locator(sel('preview-load')).click();
        await expectVisible(page, 'preview-announcementNotice');
        const shown = await renderedText(page, 'preview-announcementNotice');
        assert.match(shown, /new portal/);
        assert.match(shown, new RegExp(title));
      });
      let id;
      await s('published', async () => {
        await page.locator(sel('submit')).click();
        await page.waitForURL(/announcement-detail\.html\?id=ANN-/);
        id = new URL(page.url()).searchParams.get('id');
        await expectText(page, 'detail-status', /Published: on its way to each customer/);
        await expectText(page, 'announcement-status', /^Approved$/);
      });
      await s('delivered', async () => {
        await expectText(page, 'delivery-summary', /^2 customers: 2 sent$/, { timeout: 120_000 });
        for (const customer of ['acme', 'globex']) {
          const sent = await sentTo(id, customer);
          assert.ok(sent.length > 0, `${customer} got the announcement`);
          await expectText(page, `delivery-${customer}`, new RegExp(`sent ${sent.length} of ${sent.length}(\\D|$)`));
        }
        assert.equal((await sentTo(id, 'initech')).length, 0, 'a customer not chosen got nothing');
      });
      await s('versions', async () => {
        await expectVisible(page, 'diff-field-status');
        await expectText(page, 'versions', /v2/);
      });
    });
  });

  it('a FinOps announcement waits for an approver: an editor has no Approve; the approver approves and it is sent', { timeout: 180_000 }, async () => {
    const id = await seed(`FinOps Q3 review ${token()}`, 'finops', ['acme']);
    assert.equal((await env.server.api('POST', `/api/announcements/${id}/submit`)).status, 200);
    await withPage(env, 'announcement-editor', async (page, s) => {
      await s('editor', async () => {
        // Another person: an editor (the local server's one operator is an admin; /api/me is what the portal asks).
        await page.route('**/api/me', (route) => route.fulfill({ json: { user: 'ed', roles: ['editor'], mode: 'local', local: false } }));
        await page.goto(`/announcement-detail.html?id=${id}`);
        await expectText(page, 'announcement-status', /^Submitted$/);
        await expectHidden(page, 'action-approve');
        await expectHidden(page, 'action-edit');
      });
    });
    await withPage(env, 'announcement-approve', async (page, s) => {
      await s('approver', async () => {
        await page.goto(`/announcement-detail.html?id=${id}`);
        await expectText(page, 'detail-type', /FinOps — to subscribers of finops-announce, approved before it is sent/);
        assert.equal((await sentTo(id, 'acme')).length, 0, 'nothing is sent before approval');
        await page.locator(sel('action-approve')).click();
        await expectText(page, 'action-dialog', new RegExp(`Approve ${id}`));
        await page.locator(sel('dialog-field-comment')).fill('Numbers checked.');
        await page.locator(sel('dialog-confirm')).click();
        await expectText(page, 'detail-status', /Approved: on its way to each customer/);
        await expectText(page, 'announcement-status', /^Approved$/);
      });
      await s('sent', async () => {
        await expectText(page, 'delivery-summary', /^1 customer: 1 sent$/, { timeout: 120_000 });
        const sent = await sentTo(id, 'acme');
        assert.ok(sent.length > 0);
        await expectText(page, 'delivery-acme', new RegExp(`sent ${sent.length} of ${sent.length}(\\D|$)`));
        await expectText(page, 'timeline', /Numbers checked\./);
      });
    });
  });

  it('Markdown with a script and a javascript: link previews as text: nothing runs, no live link', { timeout: 90_000 }, async () => {
    await withPage(env, 'announcement-markdown', async (page, s) => {
      await s('preview', async () => {
        await page.goto('/announcement.html');
        await fillForm(page, {
          type: 'general', title: `Script test ${token()}`, summary: 'Summary.', customers: ['acme'],
          content: 'Hello <script>window.top.pwned = 1</script> and [click me](javascript:window.top.pwned=2) and [docs](https://docs.example/x).',
        });
        await setField(page, 'preview-customer', 'acme');
        await page.locator(sel('preview-load')).click();
        await expectVisible(page, 'preview-announcementNotice');
        const frame = page.locator(`${sel('preview-announcementNotice')} iframe`);
        assert.equal(await frame.getAttribute('sandbox'), '', 'the email is shown in a sandbox without scripts');
        const doc = await (await frame.elementHandle()).contentFrame();
        await doc.waitForLoadState();
        assert.equal(await doc.locator('script').count(), 0);
        const hrefs = await doc.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href') || ''));
        assert.ok(hrefs.includes('https://docs.example/x'), `the https link is kept: ${hrefs}`);
        assert.ok(hrefs.every((h) => !/^\s*javascript:/i.test(h)), `no javascript: link: ${hrefs}`);
        const body = await doc.locator('body').innerText();
        assert.match(body, /<script>window\.top\.pwned = 1<\/script>/, 'the written tag shows as text');
        assert.match(body, /click me/);
        const clickMe = await doc.locator('a', { hasText: 'click me' }).evaluateAll((as) => as.map((a) => a.getAttribute('href')));
        assert.ok(clickMe.every((h) => h === null), `"click me" is not a live link: ${JSON.stringify(clickMe)}`);
        await page.locator(sel('preview-load')).click(); // rendered again: still nothing ran
        await expectVisible(page, 'preview-announcementNotice');
        assert.equal(await page.evaluate(() => window.pwned), undefined, 'no script of the content ran');
      });
    });
  });

  it('search and the dashboard list both kinds, filtered by kind', { timeout: 120_000 }, async () => {
    const marker = `Kindtest${token()}`;
    const change = await env.server.api('POST', '/api/changes', { ...sampleChangeJson(marker), changeTitle: `${marker} change` });
    assert.equal(change.status, 201, change.text);
    const changeId = change.body.changeId;
    const annId = await seed(`${marker} announcement`, 'cic', ['acme']);
    await withPage(env, 'announcement-search', async (page, s) => {
      await s('all', async () => {
        await page.goto(`/search.html?q=${marker}`);
        await expectVisible(page, `result-${changeId}`);
        await expectVisible(page, `result-${annId}`);
        await expectText(page, `kind-${annId}`, /Announcement \(cic\)/);
      });
      await s('announcements', async () => {
        await setField(page, 'search-kind', 'announcements');
        await expectHidden(page, `result-${changeId}`);
        await expectVisible(page, `result-${annId}`);
        assert.match(page.url(), /kind=announcements/);
        await page.locator(`${sel(`result-${annId}`)} a`).first().click();
        await page.waitForURL(/announcement-detail\.html/);
        await expectText(page, 'announcement-title', new RegExp(`${marker} announcement`));
      });
      await s('changes', async () => {
        await page.goto(`/search.html?q=${marker}&kind=changes`);
        await expectVisible(page, `result-${changeId}`);
        await expectHidden(page, `result-${annId}`);
      });
      await s('dashboard', async () => {
        await page.goto('/index.html');
        const recent = (kind) => page.locator(`${sel('recent')} li[data-kind="${kind}"]`);
        await eventually(() => recent('announcement').count(), (n) => n > 0, { what: 'an announcement in recent activity' });
        assert.ok(await recent('change').count() > 0, 'changes too');
        await setField(page, 'dashboard-kind', 'changes');
        assert.equal(await recent('announcement').count(), 0);
        await setField(page, 'dashboard-kind', 'announcements');
        assert.equal(await recent('change').count(), 0);
        await expectVisible(page, 'recent');
        assert.ok(await page.locator(`${sel('recent')} li[data-id="${annId}"]`).count() === 1, 'the new announcement is listed');
      });
    });
  });

  it('the form and the page fit a phone', { timeout: 120_000 }, async () => {
    const id = await seed(`Phone ${token()}`, 'general', ['acme', 'globex'], {
      include_meeting: true, meeting_date: '2030-05-02T10:00:00', meeting_timezone: 'Europe/Berlin', meeting_duration: 60, meeting_location: 'Online',
      links: [{ title: 'Agenda', url: 'https://events.example/agenda' }],
    });
    await withPage(env, 'announcement-phone', async (page, s) => {
      const fits = async () => assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), 'no sideways scrolling');
      await s('form', async () => {
        await page.goto(`/announcement.html?id=${id}`);
        await expectVisible(page, 'field-meeting-date');
        assert.equal(await page.locator(sel('field-meeting-timezone')).inputValue(), 'Europe/Berlin');
        assert.equal(await page.locator(sel('field-meeting-date')).inputValue(), '2030-05-02T10:00');
        await fits();
      });
      await s('detail', async () => {
        await page.goto(`/announcement-detail.html?id=${id}`);
        await expectText(page, 'detail-event', /Online/);
        await expectText(page, 'detail-links', /Agenda/);
        await fits();
      });
    }, { viewport: viewports.phone });
  });
});
