// Lists show every window one declared way: in the viewer's zone (named in the column header or the
// legend), the change's own zone on hover, rows in the order of their instants. A change at 22:00 in
// New York is later than one at 10:00 the next morning in Tokyo, though its own date reads earlier.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { browserTimeZone, withPage } from './support/browser.js';
import { expectText, expectVisible, sel } from './support/expect.js';
import { sampleChangeJson } from './support/portal.js';
import { useServerAndBrowser } from './support/fixture.js';

const env = useServerAndBrowser('lists');
const marker = `Zones${Date.now().toString(36)}`;
const ids = {};

async function create(name, fields, ...actions) {
  const created = await env.server.api('POST', '/api/changes', { ...sampleChangeJson(`${name} ${marker}`, ['acme']), ...fields });
  assert.equal(created.status, 201, created.text);
  for (const action of actions) assert.equal((await env.server.api('POST', `/api/changes/${created.body.changeId}/${action}`)).status, 200);
  return created.body.changeId;
}

/** An ISO time `days` from now at hh:00 UTC. */
const soon = (days, hour) => { const d = new Date(Date.now() + days * 86_400_000); d.setUTCHours(hour, 0, 0, 0); return d.toISOString(); };

describe('windows in lists', () => {
  before(async () => {
    // 22:00 New York (02:00Z) and 10:00 Tokyo (01:00Z) the next day: Tokyo's is first.
    ids.newYork = await create('NewYork', { timezone: 'America/New_York', implementationStart: '2030-03-12T22:00:00-04:00', implementationEnd: '2030-03-12T23:00:00-04:00' });
    ids.tokyo = await create('Tokyo', { timezone: 'Asia/Tokyo', implementationStart: '2030-03-13T10:00:00+09:00', implementationEnd: '2030-03-13T11:00:00+09:00' });
    ids.upcoming = await create('Upcoming', { timezone: 'America/New_York', implementationStart: soon(2, 15), implementationEnd: soon(2, 16) }, 'submit', 'approve');
  });

  it('search: the viewer\'s zone in the header, the change\'s zone on hover, sorted by instant', { timeout: 90_000 }, async () => {
    await withPage(env, 'lists-search', async (page, s) => {
      await s('sorted', async () => {
        await page.goto(`/search.html?q=${marker}&sort=implementationStart`);
        await expectVisible(page, `result-${ids.newYork}`);
        await expectText(page, 'sort-implementationStart', new RegExp(browserTimeZone.replace('/', '\\/'), 'i')); // upper-cased by the style
        const rows = await page.locator('[data-testid^="result-"]').evaluateAll((trs) => trs.map((tr) => tr.dataset.testid.slice(7)));
        assert.deepEqual(rows.filter((r) => r !== ids.upcoming), [ids.tokyo, ids.newYork], 'Tokyo 10:00 is before New York 22:00 the evening before');
        const ny = page.locator(`${sel(`window-${ids.newYork}`)} time`);
        assert.match(await ny.innerText(), /Mar 13, 2030,? 11:00\s*AM/, 'shown in the viewer\'s zone (Tokyo)');
        const title = await ny.getAttribute('title');
        assert.match(title ?? '', /10:00\s*PM.*America\/New_York/, `the change's own zone on hover: ${title}`);
        assert.match(await page.locator(`${sel(`window-${ids.tokyo}`)} time`).innerText(), /Mar 13, 2030,? 10:00\s*AM/);
      });
    });
  });

  it('my changes shows the same way; the dashboard\'s upcoming windows say which zone they are in', { timeout: 90_000 }, async () => {
    await withPage(env, 'lists-dashboard', async (page, s) => {
      await s('my-changes', async () => {
        await page.goto('/changes.html?tab=all');
        const cell = page.locator(`${sel(`window-${ids.newYork}`)} time`);
        await cell.waitFor();
        assert.match(await cell.innerText(), /11:00\s*AM/);
        assert.match(await cell.getAttribute('title') ?? '', /America\/New_York/);
      });
      await s('dashboard', async () => {
        await page.goto('/index.html');
        await expectText(page, 'upcoming-legend', new RegExp(`your time zone \\(${browserTimeZone.replace('/', '\\/')}\\)`));
        const when = page.locator(`${sel(`upcoming-window-${ids.upcoming}`)} time`);
        await when.waitFor();
        assert.match(await when.innerText(), new RegExp(browserTimeZone.replace('/', '\\/')), 'in the viewer\'s zone, named');
        assert.match(await when.getAttribute('title') ?? '', /America\/New_York/, 'the change\'s zone on hover');
      });
    });
  });
});
