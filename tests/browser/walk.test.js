// A change manager's path through the portal, against the real local server: write a change for
// three customers, save a draft, reload, submit, approve, watch every customer's delivery reach
// "sent", find it by search, edit it and compare the versions; the dashboard and the outbox on
// the way. Each step needs the ones before it: after a failure the rest are skipped, naming it.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { before, describe, it } from 'node:test';
import { newPage, step } from './support/browser.js';
import { eventually, expectCount, expectHidden, expectText, expectValue, expectVisible, readCount, sel, setField } from './support/expect.js';
import {
  chooseVersion, expectChangeForm, fillChangeForm, idInUrl, renderedText, sampleChange, sampleChangeJson, saveDraft, showsNumber,
} from './support/portal.js';
import { useServerAndBrowser } from './support/fixture.js';

const token = `Zephyr${Date.now().toString(36)}`;
const change = sampleChange(token);
const edited = {
  title: `Rotate TLS certificates on shared ingress, second window ${token}`,
  implementationPlan: '1. Import new certificates.\n2. Drain one listener at a time.\n3. Switch listeners.\n4. Verify handshakes.',
};
const statuses = ['draft', 'submitted', 'approved', 'completed', 'cancelled'];

let server;
let page;
let id;
let countsBefore;
let versionBeforeEdit;
let otherDraft;
let broken = null;

/** A step of the walk; skipped (naming the cause) once an earlier step failed. */
function walk(name, body) {
  it(name, { timeout: 120_000 }, async (t) => {
    if (broken) { t.skip(`needs "${broken}", which failed`); return; }
    try {
      await step(page, server, 'walk', name, body);
    } catch (error) {
      broken = name;
      throw error;
    }
  });
}

const go = (path) => page.goto(path, { waitUntil: 'domcontentloaded' });

describe('a change manager walks a change from draft to delivery', () => {
  const env = useServerAndBrowser('walk');
  before(async () => {
    server = env.server;
    page = await newPage(env.browser, server);
  });

  walk('00 dashboard before', async () => {
    // Someone else's draft: lists filtered to drafts must show it (and so have answered) without ours.
    const other = await server.api('POST', '/api/changes', sampleChangeJson(`Other${token}`, ['umbrella']));
    assert.equal(other.status, 201, other.text);
    otherDraft = other.body.changeId;
    await go('/');
    countsBefore = {};
    for (const s of statuses) countsBefore[s] = await readCount(page, `count-${s}`);
  });

  walk('01 new change: every field, three customers, save draft', async () => {
    await page.locator(sel('nav-new')).click();
    await page.waitForURL(/change\.html/);
    await fillChangeForm(page, change);
    const live = await page.locator(sel('form-status')).evaluate((el) => [el.getAttribute('aria-live'), el.getAttribute('role')]);
    assert.ok(['polite', 'assertive'].includes(live[0]) || ['status', 'alert'].includes(live[1]),
      `form-status should be a live region (aria-live ${live[0]}, role ${live[1]})`);
    id = await saveDraft(page);
    assert.match(id, /^CHG-/);
    await expectText(page, 'form-version', showsNumber(1), { what: 'first saved version' });

    const saved = (await server.api('GET', `/api/changes/${id}`)).body;
    assert.equal(saved.status, 'draft');
    assert.deepEqual(
      [saved.changeTitle, saved.snowTicket, saved.jiraTicket, saved.changeReason, saved.implementationPlan, saved.testPlan, saved.customerImpact, saved.rollbackPlan, saved.timezone],
      [change.title, change.snow, change.jira, change.reason, change.implementationPlan, change.testPlan, change.customerImpact, change.rollbackPlan, change.timezone]);
    assert.deepEqual([...saved.customers].sort(), change.customers);
    // 22:00 in New York, whatever the browser's own zone (Asia/Tokyo here), with an offset.
    assert.match(saved.implementationStart, /[+-]\d{2}:\d{2}$|Z$/);
    assert.equal(new Date(saved.implementationStart).toISOString(), new Date(change.startInstant).toISOString(), `implementationStart ${saved.implementationStart}`);
    assert.equal(new Date(saved.implementationEnd).toISOString(), new Date(change.endInstant).toISOString(), `implementationEnd ${saved.implementationEnd}`);
  });

  walk('02 reload: the form is intact', async () => {
    await page.reload({ waitUntil: 'domcontentloaded' });
    assert.equal(idInUrl(page), id);
    await expectChangeForm(page, change);
    await expectText(page, 'form-version', showsNumber(1));
  });

  walk('03 submit: the detail page says submitted', async () => {
    await page.locator(sel('submit')).click();
    // The portal may move to the detail page itself; a person would open it anyway.
    await page.waitForURL(/detail\.html\?id=/, { timeout: 5_000 }).catch(() => {});
    if (!/detail\.html/.test(page.url())) {
      await expectText(page, 'form-status', /submitted/i, { what: 'after submit' });
      await go(`/detail.html?id=${encodeURIComponent(id)}`);
    }
    await expectText(page, 'change-id', id);
    await expectText(page, 'change-title', change.title);
    await expectText(page, 'change-status', /submitted/i);
    await expectText(page, 'detail-reason', change.reason);
    // The schedule in the change's own zone (New York, 22:00-23:30), though the browser is in Tokyo.
    const schedule = await page.locator('[data-testid^="detail-"]').filter({ hasText: change.timezone }).first().innerText();
    // "10:00 PM – 11:30 PM", "10:00 – 11:30 PM" (a range sharing its PM) or "22:00".
    assert.match(schedule, /(10:00\s*PM|10:00\s*[–-]\s*11:30\s*PM|22:00)/i, `schedule shows 22:00 New York time: ${JSON.stringify(schedule)}`);
    assert.match(schedule, /(11:30\s*PM|23:30)/i, `schedule shows 23:30 New York time: ${JSON.stringify(schedule)}`);
    assert.equal((await server.api('GET', `/api/changes/${id}`)).body.status, 'submitted');
  });

  walk('03b my changes: under submitted, not under drafts', async () => {
    await page.locator(sel('nav-my')).click();
    await page.waitForURL(/changes\.html/);
    await page.locator(sel('tab-submitted')).click();
    await expectVisible(page, `result-${id}`, { what: 'tab-submitted' });
    await page.locator(sel('tab-drafts')).click();
    await expectVisible(page, `result-${otherDraft}`, { what: 'tab-drafts' });
    await expectHidden(page, `result-${id}`, { what: 'tab-drafts' });
    await page.locator(sel('tab-all')).click();
    await expectVisible(page, `result-${id}`, { what: 'tab-all' });
  });

  walk('04 dashboard: one more submitted, awaiting approval', async () => {
    await dashboardShows({ submitted: +1 });
    await expectText(page, 'awaiting-approval', change.title);
  });

  walk('05 approve: status approved', async () => {
    await go(`/detail.html?id=${encodeURIComponent(id)}`);
    await expectText(page, 'change-status', /submitted/i);
    await page.locator(sel('action-approve')).click();
    await expectVisible(page, 'action-dialog', { what: 'Approve asks for an optional comment' });
    await page.locator(sel('dialog-confirm')).click();
    await expectText(page, 'change-status', /approved/i, { what: 'after action-approve' });
    assert.equal((await server.api('GET', `/api/changes/${id}`)).body.status, 'approved');
  });

  walk('06 delivery: acme, globex and initech reach "sent" (live, no reload)', async () => {
    for (const code of change.customers) {
      await expectText(page, `delivery-${code}`, /\bsent\b/i, { timeout: 60_000, what: `delivery to ${code}` });
    }
    assert.equal(await page.locator(sel('delivery-umbrella')).count(), 0, 'umbrella was not picked: no delivery-umbrella');
    // The page agrees with the server's status.
    const status = (await server.api('GET', `/api/changes/${id}/status`)).body;
    for (const code of change.customers) {
      const c = status.items.find((x) => x.customer === code);
      assert.ok(c && c.state === 'sent' && c.sent > 0 && c.failed === 0, `status of ${code}: ${JSON.stringify(c)}`);
    }
  });

  walk('07 dashboard: the counts moved', async () => {
    await dashboardShows({ approved: +1 });
  });

  walk('08 outbox: acme\'s emails about the change', async () => {
    await page.locator(sel('nav-outbox')).click();
    await page.waitForURL(/outbox\.html/);
    await setField(page, 'outbox-customer', 'acme');
    const mine = page.locator(sel('outbox-message')).filter({ hasText: token });
    await mine.first().waitFor({ state: 'visible' });
    await mine.first().click();
    const html = await renderedText(page, 'outbox-html');
    assert.match(html, new RegExp(token), 'the rendered email names the change');
    // The details come from the server's reading of the MIME: its List-Unsubscribe header among them.
    await expectText(page, 'outbox-meta', /Unsubscribe\s*<mailto:unsubscribe@acme\.local\.invalid\?subject=aws-/);
    const eml = await page.locator(sel('outbox-eml')).getAttribute('href');
    const download = await fetch(server.url(eml));
    assert.equal(download.headers.get('content-type'), 'message/rfc822', `${eml} answers the .eml file`);
    assert.match(await download.text(), /^MIME-Version: 1\.0\r?$/m);
  });

  walk('09 search: by text and by status', async () => {
    await page.locator(sel('nav-search')).click();
    await page.waitForURL(/search\.html/);
    await setField(page, 'search-text', token);
    await page.locator(sel('search-submit')).click();
    await expectVisible(page, `result-${id}`, { what: `search text ${token}` });
    await expectText(page, `result-${id}`, change.title);

    await setField(page, 'search-text', '');
    await searchAndWait('search-status', 'draft');
    await expectVisible(page, `result-${otherDraft}`, { what: 'status draft' });
    await expectHidden(page, `result-${id}`, { what: 'status draft' });
    await searchAndWait('search-status', 'approved');
    await expectVisible(page, `result-${id}`, { what: 'status approved' });

    // CSV export of what is found.
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), page.locator(sel('export-csv')).click()]);
    const csv = await readFile(await download.path(), 'utf8');
    assert.ok(csv.includes(id) && csv.includes(change.title), `the CSV lists the change: ${csv.slice(0, 500)}`);
  });

  walk('10 edit: title and plan, save, the version goes up by one', async () => {
    await go(`/detail.html?id=${encodeURIComponent(id)}`);
    await page.locator(sel('action-edit')).click();
    await page.waitForURL(/change\.html\?id=/);
    assert.equal(idInUrl(page), id);
    await expectValue(page, 'field-title', change.title);
    const shown = await readCount(page, 'form-version');
    versionBeforeEdit = (await server.api('GET', `/api/changes/${id}`)).body.version;
    assert.equal(shown, versionBeforeEdit, 'form-version shows the version being edited');

    await setField(page, 'field-title', edited.title);
    await setField(page, 'field-implementation-plan', edited.implementationPlan);
    await page.locator(sel('save-draft')).click();
    await expectText(page, 'form-version', showsNumber(versionBeforeEdit + 1), { what: 'after saving the edit' });
    const saved = (await server.api('GET', `/api/changes/${id}`)).body;
    assert.equal(saved.version, versionBeforeEdit + 1);
    assert.equal(saved.changeTitle, edited.title);
    assert.equal(saved.implementationPlan, edited.implementationPlan);
    assert.equal(saved.changeReason, change.reason, 'untouched fields stay');
  });

  walk('11 versions: the difference between the last two', async () => {
    await go(`/detail.html?id=${encodeURIComponent(id)}`);
    await expectText(page, 'change-title', edited.title);
    await expectText(page, 'change-version', showsNumber(versionBeforeEdit + 1));
    await expectText(page, 'versions', showsNumber(versionBeforeEdit + 1));
    for (const event of [/creat/i, /submit/i, /approv/i]) await expectText(page, 'timeline', event, { what: 'the timeline of modifications' });
    await chooseVersion(page, 'diff-from', versionBeforeEdit);
    await chooseVersion(page, 'diff-to', versionBeforeEdit + 1);
    // The old title is not part of the new one (", second window" sits before the token).
    const title = await expectText(page, 'diff-field-changeTitle', edited.title, { what: 'diff of changeTitle' });
    assert.ok(title.includes(change.title), `diff-field-changeTitle shows the old title too: ${JSON.stringify(title)}`);
    await expectVisible(page, 'diff-field-implementationPlan');
    assert.equal(await page.locator(sel('diff-field-changeReason')).count(), 0, 'an unchanged field is not a difference');
  });
});

/** Opens the dashboard from the navigation: every count is what it was before the walk, plus `delta`. */
async function dashboardShows(delta) {
  await page.locator(sel('nav-dashboard')).click();
  await page.waitForURL((url) => !/\.html$/.test(url.pathname) || /index\.html$/.test(url.pathname));
  for (const s of statuses) await expectCount(page, `count-${s}`, countsBefore[s] + (delta[s] ?? 0));
}

/** Sets a search filter, submits, and waits for the list request with that filter to be answered. */
async function searchAndWait(testId, value) {
  await setField(page, testId, value);
  const answered = page.waitForResponse((r) => r.url().includes('/api/changes') && r.url().includes(value), { timeout: 15_000 });
  await page.locator(sel('search-submit')).click();
  await answered;
}
