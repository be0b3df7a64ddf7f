// axe-core (npm, injected into each page) over every portal page with data on it — a change with
// several versions so the diff renders, deliveries, search results, a sent message open in the outbox —
// at a desktop and a phone width: no serious or critical violation. The governance controls too: a rejected
// change, the Reject dialog showing its error, the backdated override, and the form of an approved change
// telling what saving will do, with an overlap warning; the calendar (month and week), the freezes page with its
// form, a customer's subscriptions with a bulk job, the alternate contacts (local mode: not configured; alternate-contacts.test.js checks the AWS page), the contact form and a CSV preview naming a bad line, and a
// recipient's preferences page opened from a sent email's link, and with an edited link. (The emails inside the
// outbox's and preview's sandboxed frames are the templates' business, not the portal's: frames are not entered.)
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { viewports, withPage } from './support/browser.js';
import { eventually, expectText, expectVisible, readCount, sel } from './support/expect.js';
import { chooseVersion, sampleChangeJson } from './support/portal.js';
import { useServerAndBrowser } from './support/fixture.js';
import { seriousViolations } from './support/axe.js';
import { openDialog, seedChange, windowFrom } from './support/governance.js';
import { preferencesLinks } from './support/preferences.js';

const env = useServerAndBrowser('axe');
let id;
let announcement;
let preferences;
const governed = {};

/** Each page, and what shows that its data is on it. */
const pages = () => [
  ['dashboard', '/index.html', async (page) => {
    await readCount(page, 'count-approved');
    await expectVisible(page, 'not-ready-umbrella');
  }],
  ['my-changes', '/changes.html?tab=all', (page) => expectVisible(page, `result-${id}`)],
  ['new-change', '/change.html', (page) => expectVisible(page, 'readiness-umbrella')],
  ['edit-change', `/change.html?id=${id}`, (page) => expectVisible(page, 'customer-acme')],
  ['detail', `/detail.html?id=${id}`, async (page) => {
    await expectVisible(page, 'delivery-acme');
    await chooseVersion(page, 'diff-from', 1);
    await chooseVersion(page, 'diff-to', 2);
    await expectVisible(page, 'diff-field-customers');
    await page.locator(sel('diff-show-bookkeeping')).check();
  }],
  ['detail-rejected', `/detail.html?id=${governed.rejected}`, (page) => expectVisible(page, 'rejection-note')],
  ['reject-dialog', `/detail.html?id=${governed.submitted}`, async (page) => {
    await openDialog(page, 'reject');
    await page.locator(sel('dialog-confirm')).click();
    await expectVisible(page, 'dialog-error-comment');
  }],
  ['backdated-dialog', `/detail.html?id=${governed.ended}`, async (page) => {
    await openDialog(page, 'submit');
    await expectVisible(page, 'dialog-field-backdated');
  }],
  ['edit-approved', `/change.html?id=${id}`, async (page) => {
    await expectVisible(page, 'customer-umbrella');
    await page.locator(sel('customer-umbrella')).uncheck();
    await expectText(page, 'save-outcome', /needs approval again/);
    await expectVisible(page, 'change-warning');
  }],
  ['search', `/search.html?q=${id}`, (page) => expectVisible(page, `result-${id}`)],
  ['outbox', '/outbox.html?customer=acme', async (page) => {
    await page.locator(sel('outbox-message')).first().click();
    await expectVisible(page, 'outbox-html');
  }],
  ['signed-out', '/signed-out.html', (page) => page.locator('h1').waitFor()],
  ['new-announcement', '/announcement.html', async (page) => {
    await expectVisible(page, 'customer-acme');
    await page.locator(sel('field-include-meeting')).check();
    await expectVisible(page, 'field-meeting-date');
  }],
  ['edit-announcement', `/announcement.html?id=${announcement}`, (page) => expectText(page, 'form-version', /Version/)],
  ['announcement', `/announcement-detail.html?id=${announcement}`, async (page) => {
    await expectVisible(page, 'delivery-acme');
    await expectVisible(page, 'diff-field-status');
    await page.locator(sel('preview-load')).click();
    await expectVisible(page, 'preview-announcementNotice');
  }],
  ['announcement-cancel-dialog', `/announcement-detail.html?id=${announcement}`, async (page) => {
    await openDialog(page, 'cancel');
    await expectVisible(page, 'dialog-field-reason');
  }],
  ['search-both-kinds', `/search.html?q=Axe`, async (page) => {
    await expectVisible(page, `result-${id}`);
    await expectVisible(page, `result-${announcement}`);
  }],
  ['calendar-month', '/calendar.html?date=2030-03-13', (page) => expectVisible(page, `cal-item-${id}`)],
  ['calendar-week', '/calendar.html?date=2030-03-13&view=week', (page) => expectVisible(page, `cal-item-${id}`)],
  ['freezes', '/freezes.html', (page) => expectVisible(page, 'freeze-edit')],
  ['preferences', preferences, (page) => expectVisible(page, 'prefs-topic-aws-announce')],
  ['preferences-invalid-link', '/preferences.html?token=edited', (page) => expectText(page, 'prefs-status', /not valid/)],
  ['freeze-form-errors', '/freezes.html', async (page) => {
    await page.locator(sel('freeze-add')).click();
    await page.locator(sel('freeze-save')).click();
    await expectText(page, 'error-name', /name/);
  }],
  ['subscriptions', '/subscriptions.html?customer=acme', async (page) => {
    await expectVisible(page, 'contact-row');
    await expectVisible(page, 'job');
  }],
  ['subscriptions-contact-form', '/subscriptions.html?customer=acme', async (page) => {
    await expectVisible(page, 'contact-row');
    await page.locator(sel('contact-add')).click();
    await expectVisible(page, 'topic-aws-announce');
  }],
  ['alternate-contacts', '/alternate-contacts.html?customer=acme', (page) => expectText(page, 'ac-detail-summary', /No alternate contacts are configured for acme/)],
  ['subscriptions-preview', '/subscriptions.html?customer=acme', async (page) => {
    await expectVisible(page, 'contact-row');
    await page.locator(sel('bulk-text')).fill('email,topics,action\nnot-an-address,aws-announce,add\nalice@acme.example,aws-announce,set');
    await page.locator(sel('bulk-preview')).click();
    await expectVisible(page, 'preview-error');
  }],
];

describe('accessibility (axe-core)', () => {
  before(async () => {
    const body = sampleChangeJson(`Axe ${Date.now().toString(36)}`, ['acme', 'globex', 'initech']);
    const created = await env.server.api('POST', '/api/changes', body);
    assert.equal(created.status, 201, created.text);
    id = created.body.changeId;
    const edited = await env.server.api('PUT', `/api/changes/${id}`, { ...body, customers: ['acme', 'globex', 'initech', 'umbrella'] }, { 'if-match': '"1"' });
    assert.equal(edited.status, 200, edited.text);
    for (const action of ['submit', 'approve']) assert.equal((await env.server.api('POST', `/api/changes/${id}/${action}`)).status, 200);
    const window = { timezone: body.timezone, implementationStart: body.implementationStart, implementationEnd: body.implementationEnd };
    governed.submitted = await seedChange(env.server, `Axe overlapping ${id}`, { window, actions: ['submit'] });
    governed.rejected = await seedChange(env.server, `Axe rejected ${id}`, { window, actions: ['submit', ['reject', { comment: 'Add the <i>rollback</i> timing.' }]] });
    governed.ended = await seedChange(env.server, `Axe ended ${id}`, { window: windowFrom(-3, 1) });
    const written = await env.server.api('POST', '/api/announcements', {
      announcement_type: 'general', title: `Axe announcement ${id}`, summary: 'Summary.', content: 'The **details**.', customers: ['acme', 'globex'],
    });
    assert.equal(written.status, 201, written.text);
    announcement = written.body.announcement_id;
    const freeze = await env.server.api('POST', '/api/freezes', {
      name: 'Axe year end', reason: 'Audit', customers: ['acme'], timezone: 'UTC', startDate: '2032-12-24', endDate: '2032-12-31', recurrence: 'FREQ=YEARLY',
    });
    assert.equal(freeze.status, 201, freeze.text);
    const queued = await fetch(env.server.url('/api/customers/acme/contacts/import'), {
      method: 'POST', headers: { 'content-type': 'text/csv', accept: 'application/json' }, body: 'email,topics,action\naxe.person@acme.example,aws-announce,add',
    });
    assert.equal(queued.status, 202, await queued.text());
    assert.equal((await env.server.api('POST', `/api/announcements/${announcement}/submit`)).status, 200);
    await eventually(() => env.server.api('GET', '/api/outbox?customer=acme'), (r) => [id, announcement].every((x) => r.body?.items?.some((m) => m.tags?.change === x)),
      { timeout: 60_000, what: 'acme\'s emails about the change and the announcement' });
    const sent = (await env.server.api('GET', '/api/outbox?customer=acme')).body.items.find((m) => m.tags?.change === id);
    const link = new URL((await preferencesLinks(env.server, sent.messageId))[0].url);
    preferences = link.pathname + link.search;
  });

  for (const [width, viewport] of Object.entries(viewports)) {
    it(`no serious or critical violation on any page at ${width} width (${viewport.width}×${viewport.height})`, { timeout: 180_000 }, async () => {
      const found = [];
      await withPage(env, `axe-${width}`, async (page, s) => {
        for (const [name, path, ready] of pages()) {
          await s(name, async () => {
            await page.goto(path);
            await ready(page);
            found.push(...(await seriousViolations(page)).map((v) => `${name}: ${v}`));
          });
        }
      }, { viewport });
      assert.deepEqual(found, [], `axe at ${width} width:\n${found.join('\n')}`);
    });
  }
});
