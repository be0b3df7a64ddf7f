// A customer's subscriptions in the portal (issue 23): its topics, its contacts over several pages with an address
// search and the suppressed ones marked, one contact added, its topics changed (a stale edit refused) and removed,
// and a bulk CSV whose preview lists exactly what would change, applied as a server job followed to done — still
// shown done after leaving the page and coming back; the job's progress is seen on its way, its account's SES
// management rate (CHANGEMGMT_LOCAL_SES_MANAGEMENT_RATE) pacing its rows.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { withPage } from './support/browser.js';
import { eventually, expectText, expectVisible, sel } from './support/expect.js';
import { useServerAndBrowser } from './support/fixture.js';

const TOPICS = ['aws-calendar', 'aws-announce', 'aws-approval', 'general-updates', 'finops-announce'];
const MANY = 120;
const MANAGEMENT_RATE = 'CHANGEMGMT_LOCAL_SES_MANAGEMENT_RATE';
const manyAddress = (n) => `bulk-${String(n).padStart(3, '0')}@acme.example`;

/** acme's local SES account holds `count` more contacts (bulk-<from>…), each opted in to aws-announce only. */
const seedContacts = (count, from = 0) => (config, contacts) => {
  for (let n = from; n < from + count; n += 1) {
    contacts.acme.Contacts.push({
      EmailAddress: manyAddress(n),
      TopicPreferences: TOPICS.map((t) => ({ TopicName: t, SubscriptionStatus: t === 'aws-announce' ? 'OPT_IN' : 'OPT_OUT' })),
    });
  }
};

const contactApi = (env, email) => env.server.api('GET', `/api/customers/acme/contacts/${encodeURIComponent(email)}`);
const optedIn = (contact) => contact.topics.filter((t) => t.status === 'OPT_IN').map((t) => t.name).sort();
const rowOf = (page, email) => page.locator(`${sel('contact-row')}[data-email="${email}"]`);
const shownEmails = (page) => page.locator(sel('contact-email')).allInnerTexts();

async function search(page, q) {
  await page.locator(sel('contact-search')).fill(q);
  await page.locator(sel('contact-search')).press('Enter');
}

async function openAcme(page) {
  await page.goto('/subscriptions.html?customer=acme');
  await expectVisible(page, 'contact-row');
}

describe('subscriptions in the portal', () => {
  const env = useServerAndBrowser('subscriptions', { configure: seedContacts(MANY) });

  it('lists the topics and pages through many contacts, searches them and shows who is suppressed and why', { timeout: 120_000 }, async () => {
    await withPage(env, 'subscriptions-list', async (page, s) => {
      const seen = [];
      await s('first-page', async () => {
        await page.goto('/index.html');
        await page.locator(sel('nav-subscriptions')).click();
        await expectVisible(page, 'contact-row');
        assert.equal(await page.locator(sel('sub-customer')).inputValue(), 'acme');
        await expectText(page, 'topic-description-aws-announce', 'What, why and when for approved changes');
        await expectText(page, 'contact-page', 'Page 1');
        seen.push(...await shownEmails(page));
        assert.equal(seen.length, 50);
      });
      await s('next-pages', async () => {
        for (const n of [2, 3]) {
          await page.locator(sel('contact-next')).click();
          await expectText(page, 'contact-page', `Page ${n}`);
          seen.push(...await shownEmails(page));
        }
        assert.ok(await page.locator(sel('contact-next')).isDisabled(), 'the last page has no next');
        const all = (await env.server.api('GET', '/api/customers/acme/contacts?pageSize=1000')).body.items.map((c) => c.email);
        assert.equal(seen.length, MANY + 7);
        assert.deepEqual([...seen].sort(), [...all].sort(), 'every contact once over the pages');
      });
      await s('previous', async () => {
        await page.locator(sel('contact-prev')).click();
        await expectText(page, 'contact-page', 'Page 2');
        assert.deepEqual(await shownEmails(page), seen.slice(50, 100));
      });
      await s('search', async () => {
        await search(page, 'BULK-01');
        await expectText(page, 'contact-page', 'Page 1');
        await page.waitForFunction(() => document.querySelectorAll('[data-testid="contact-row"]').length === 10);
        assert.deepEqual((await shownEmails(page)).sort(), Array.from({ length: 10 }, (_, i) => manyAddress(10 + i)));
        assert.equal(await rowOf(page, manyAddress(12)).locator(sel('contact-topics')).innerText(), 'Change Announcements');
      });
      await s('suppressed', async () => {
        await search(page, 'erin');
        await expectText(page, 'contact-suppressed', /BOUNCE/);
        assert.deepEqual(await shownEmails(page), ['erin@acme.example']);
      });
    });
  });

  it('adds a contact, changes its topics, is told when someone else changed it first, and removes it', { timeout: 120_000 }, async () => {
    const email = 'new.person@acme.example';
    await withPage(env, 'subscriptions-contact', async (page, s) => {
      await s('add', async () => {
        await openAcme(page);
        await page.locator(sel('contact-add')).click();
        await page.locator(sel('field-email')).fill(email);
        assert.ok(await page.locator(sel('topic-general-updates')).isChecked(), 'a topic on by default starts ticked');
        assert.ok(!(await page.locator(sel('topic-aws-calendar')).isChecked()), 'a topic off by default starts unticked');
        await page.locator(sel('topic-general-updates')).uncheck();
        await page.locator(sel('topic-aws-announce')).check();
        await page.locator(sel('contact-save')).click();
        await expectText(page, 'sub-status', /Contact added/);
        assert.deepEqual(optedIn((await contactApi(env, email)).body), ['aws-announce']);
        await search(page, 'new.person');
        await rowOf(page, email).waitFor();
      });
      await s('edit-by-keyboard', async () => {
        await rowOf(page, email).locator(sel('contact-edit')).focus();
        await page.keyboard.press('Enter');
        await expectVisible(page, 'contact-form');
        assert.equal(await page.evaluate(() => document.activeElement?.id), 'contact-form-h', 'the focus moves to the form');
        assert.ok(await page.locator(sel('topic-aws-announce')).isChecked());
        await page.locator(sel('topic-general-updates')).focus();
        await page.keyboard.press('Space');
        await page.locator(sel('contact-save')).focus();
        await page.keyboard.press('Enter');
        await expectText(page, 'sub-status', /Topics of new\.person@acme\.example saved/);
        assert.deepEqual(optedIn((await contactApi(env, email)).body), ['aws-announce', 'general-updates']);
        await expectText(page, 'contact-topics', /Change Announcements, General Updates/);
      });
      await s('stale', async () => {
        await rowOf(page, email).locator(sel('contact-edit')).click();
        await page.locator(sel('topic-aws-calendar')).check();
        const current = await contactApi(env, email);
        const theirs = await env.server.api('PUT', `/api/customers/acme/contacts/${encodeURIComponent(email)}`,
          { topics: ['finops-announce'], unsubscribeAll: false }, { 'if-match': current.headers.get('etag') });
        assert.equal(theirs.status, 200, theirs.text);
        await page.locator(sel('contact-save')).click();
        await expectText(page, 'contact-form-error', /changed by someone else — reload/);
        assert.deepEqual(optedIn((await contactApi(env, email)).body), ['finops-announce'], 'the stale edit wrote nothing');
        await page.locator(sel('contact-cancel')).click();
        await page.reload();
        await search(page, 'new.person');
        await expectText(page, 'contact-topics', 'FinOps Announcements');
      });
      await s('remove', async () => {
        await rowOf(page, email).locator(sel('contact-remove')).click();
        await expectText(page, 'sub-status', /removed/);
        await rowOf(page, email).waitFor({ state: 'detached' });
        assert.equal((await contactApi(env, email)).status, 404);
      });
    });
  });
});

// SES allows about one management call a second: here acme's local SES account allows two, so the job's rows take
// their time and the page shows its progress on the way to done.
describe('a bulk change to subscriptions', () => {
  before(() => { process.env[MANAGEMENT_RATE] = '2'; });
  const env = useServerAndBrowser('subscriptions-bulk', { configure: seedContacts(3, 40) });
  before(() => { delete process.env[MANAGEMENT_RATE]; });

  it('previews a CSV as exactly its changes, applies it as a job followed to done, and shows the job done on return', { timeout: 180_000 }, async () => {
    const bad = ['email,topics,action', 'not-an-address,aws-announce,add', `${manyAddress(50)},no-such-topic,set`].join('\n');
    const good = ['email,topics,action',
      `${manyAddress(40)},aws-announce;general-updates,set`,
      `${manyAddress(41)},aws-announce,set`,
      'fresh.one@acme.example,aws-calendar,set',
      `${manyAddress(42)},,remove`].join('\n');
    await withPage(env, 'subscriptions-bulk', async (page, s) => {
      await s('errors', async () => {
        await openAcme(page);
        await page.locator(sel('bulk-text')).fill(bad);
        await page.locator(sel('bulk-preview')).click();
        await expectVisible(page, 'preview-error');
        const errors = await page.locator(sel('preview-error')).allInnerTexts();
        assert.equal(errors.length, 2, errors.join('\n'));
        assert.match(errors[0], /^Line 2, email: /);
        assert.match(errors[1], /^Line 3, topics: /);
        assert.ok(await page.locator(sel('bulk-apply')).isDisabled(), 'nothing applies while a line is bad');
      });
      await s('preview', async () => {
        await page.locator(sel('bulk-text')).fill(good);
        await page.locator(sel('bulk-preview')).click();
        await expectText(page, 'preview-summary', /1 contact to add, 1 to remove, 1 to update, 1 unchanged/);
        const rows = await page.locator(sel('preview-row')).evaluateAll((trs) => trs.map((tr) => [
          tr.dataset.email, tr.dataset.action, tr.querySelector('[data-testid="preview-before"]').innerText, tr.querySelector('[data-testid="preview-after"]').innerText]));
        assert.deepEqual(rows.sort(), [
          [manyAddress(40), 'update', 'aws-announce', 'aws-announce, general-updates'],
          [manyAddress(41), 'unchanged', 'aws-announce', 'aws-announce'],
          [manyAddress(42), 'remove', 'aws-announce', '—'],
          ['fresh.one@acme.example', 'add', '—', 'aws-calendar'],
        ].sort());
        assert.equal((await contactApi(env, 'fresh.one@acme.example')).status, 404, 'the preview wrote nothing');
      });
      let jobId;
      await s('apply', async () => {
        // Every progress the list shows, as it shows it.
        await page.evaluate(() => {
          window.progressSeen = [];
          new MutationObserver(() => window.progressSeen.push(document.querySelector('[data-testid="job-progress"]')?.textContent))
            .observe(document.getElementById('job-list'), { childList: true, subtree: true });
        });
        await page.locator(sel('bulk-apply')).click();
        await expectText(page, 'bulk-status', /Queued/);
        const job = page.locator(sel('job')).first();
        jobId = await job.getAttribute('data-job-id');
        await expectText(page, 'job-status', 'done', { timeout: 60_000 });
        await expectText(page, 'job-progress', '4 of 4 done');
        const seen = await page.evaluate(() => window.progressSeen);
        assert.ok(seen.some((t) => /^[123] of 4 done$/.test(t)), `the progress shown on the way: ${seen.join(' | ')}`);
        assert.deepEqual(optedIn((await contactApi(env, 'fresh.one@acme.example')).body), ['aws-calendar']);
        assert.deepEqual(optedIn((await contactApi(env, manyAddress(40))).body), ['aws-announce', 'general-updates']);
        assert.equal((await contactApi(env, manyAddress(42))).status, 404);
      });
      await s('return', async () => {
        await page.goto('/index.html');
        await page.goto('/subscriptions.html?customer=acme');
        await page.locator(`${sel('job')}[data-job-id="${jobId}"][data-status="done"]`).waitFor();
        const job = await eventually(() => env.server.api('GET', `/api/customers/acme/jobs/${jobId}`), (r) => r.body?.status === 'done', { what: 'the job done' });
        assert.deepEqual([job.body.total, job.body.done, job.body.failed], [4, 4, 0], 'every line worked, the unchanged one too');
      });
    });
  });
});
