// The calendar page (issue 22): changes and announcement events on the days they cover in the viewer's zone (the
// browser runs in Asia/Tokyo), month and week views, the customer filter in the address, freezes shaded and named,
// and moving by month. Customer isolation of GET /api/calendar is the API tests' (CalendarRouteTests).
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { viewports, withPage } from './support/browser.js';
import { expectText, expectVisible, sel } from './support/expect.js';
import { useServerAndBrowser } from './support/fixture.js';
import { seedChange } from './support/governance.js';

const env = useServerAndBrowser('calendar');
const seeded = {};
const day = (page, key) => page.locator(sel(`cal-day-${key}`));
const item = (page, key, id) => day(page, key).locator(sel(`cal-item-${id}`));

describe('the calendar', () => {
  before(async () => {
    // 22:00 in London on 14 Jan is 07:00 on the 15th in Tokyo; it ends 02:00 London on the 16th (11:00 Tokyo).
    seeded.acme = await seedChange(env.server, 'Core switch upgrade', {
      customers: ['acme'], window: { timezone: 'Europe/London', implementationStart: '2031-01-14T22:00:00Z', implementationEnd: '2031-01-16T02:00:00Z' },
    });
    seeded.globex = await seedChange(env.server, 'Globex storage patch', {
      customers: ['globex'], window: { timezone: 'Asia/Tokyo', implementationStart: '2031-01-20T01:00:00Z', implementationEnd: '2031-01-20T03:00:00Z' },
    });
    const freeze = await env.server.api('POST', '/api/freezes', {
      name: 'Tokyo office move', reason: 'Racks in transit', customers: [], timezone: 'Asia/Tokyo', startDate: '2031-01-22', endDate: '2031-01-22',
    });
    assert.equal(freeze.status, 201, freeze.text);
    seeded.freeze = freeze.body.freezeId;
    const announcement = await env.server.api('POST', '/api/announcements', {
      announcement_type: 'general', title: 'Quarterly review call', summary: 'Review.', content: 'Agenda.', customers: ['acme'],
      include_meeting: true, meeting_date: '2031-01-17T10:00:00', meeting_timezone: 'UTC', meeting_duration: 60,
    });
    assert.equal(announcement.status, 201, announcement.text);
    seeded.announcement = announcement.body.announcement_id;
  });

  it('shows a change on each day it covers in month and week view, events, a shaded freeze, the filter and moving by month', { timeout: 120_000 }, async () => {
    await withPage(env, 'calendar', async (page, s) => {
      await s('month', async () => {
        await page.goto('/calendar.html?date=2031-01-15');
        await expectText(page, 'cal-title', 'January 2031');
        await item(page, '2031-01-15', seeded.acme).waitFor();
        await item(page, '2031-01-16', seeded.acme).waitFor();
        assert.equal(await item(page, '2031-01-14', seeded.acme).count(), 0, 'not on the day before in Tokyo');
        const first = item(page, '2031-01-15', seeded.acme);
        assert.equal(await first.getAttribute('href'), `detail.html?id=${seeded.acme}`);
        assert.match(await first.innerText(), /07:00 AM\s+Core switch upgrade[\s\S]*10:00 PM Europe\/London \(07:00 AM your time\)/);
        assert.doesNotMatch(await item(page, '2031-01-20', seeded.globex).innerText(), /your time/, 'its own zone is the viewer\'s');
        const event = item(page, '2031-01-17', seeded.announcement);
        assert.equal(await event.getAttribute('href'), `announcement-detail.html?id=${seeded.announcement}`);
        assert.match(await event.innerText(), /07:00 PM\s+Event: Quarterly review call/);
      });
      await s('freeze', async () => {
        const frozen = day(page, '2031-01-22');
        assert.match(await frozen.getAttribute('class'), /\bfrozen\b/);
        assert.match(await frozen.locator(sel(`cal-freeze-${seeded.freeze}`)).innerText(), /Freeze: Tokyo office move[\s\S]*all day/);
        assert.doesNotMatch(await day(page, '2031-01-23').getAttribute('class'), /\bfrozen\b/);
      });
      await s('filter', async () => {
        await page.locator(sel('cal-customer')).selectOption('acme');
        await day(page, '2031-01-20').locator(sel(`cal-item-${seeded.globex}`)).waitFor({ state: 'detached' });
        await item(page, '2031-01-15', seeded.acme).waitFor();
        assert.equal(new URL(page.url()).searchParams.get('customer'), 'acme');
        await page.reload();
        await item(page, '2031-01-15', seeded.acme).waitFor();
        assert.equal(await page.locator(sel(`cal-item-${seeded.globex}`)).count(), 0, 'the linked filter holds after a reload');
      });
      await s('week', async () => {
        await page.locator(sel('cal-view-week')).click();
        await expectText(page, 'cal-title', /Week of Jan 13 – 19, 2031/);
        assert.equal(await page.locator(`${sel('cal-grid')} > li`).count(), 7);
        await item(page, '2031-01-15', seeded.acme).waitFor();
        await item(page, '2031-01-16', seeded.acme).waitFor();
        assert.equal(await page.locator(sel('cal-view-week')).getAttribute('aria-pressed'), 'true');
      });
      await s('navigate', async () => {
        await page.locator(sel('cal-view-month')).click();
        await page.locator(sel('cal-next')).click();
        await expectText(page, 'cal-title', 'February 2031');
        assert.equal(new URL(page.url()).searchParams.get('date'), '2031-02-01');
        await page.locator(sel('cal-prev')).click();
        await page.locator(sel('cal-prev')).click();
        await expectText(page, 'cal-title', 'December 2030');
      });
    });
  });

  it('is worked by keyboard: the view and moves are buttons, the entries links in day order', { timeout: 60_000 }, async () => {
    await withPage(env, 'calendar-keyboard', async (page, s) => {
      await s('keys', async () => {
        await page.goto('/calendar.html?date=2031-01-15&view=week');
        await item(page, '2031-01-15', seeded.acme).waitFor();
        await page.locator(sel('cal-next')).focus();
        await page.keyboard.press('Enter');
        await expectText(page, 'cal-title', /Jan 20 – 26, 2031/);
        await page.locator(sel('cal-prev')).focus();
        await page.keyboard.press('Space');
        await expectText(page, 'cal-title', /Jan 13 – 19, 2031/);
        const order = await page.locator(`${sel('cal-grid')} a`).evaluateAll((links) => links.map((a) => a.dataset.testid));
        assert.deepEqual(order, [`cal-item-${seeded.acme}`, `cal-item-${seeded.acme}`, `cal-item-${seeded.announcement}`]);
      });
    });
  });

  it('at phone width, the month is a list of the days that have entries', { timeout: 60_000 }, async () => {
    await withPage(env, 'calendar-phone', async (page, s) => {
      await s('phone', async () => {
        await page.goto('/calendar.html?date=2031-01-15');
        await expectVisible(page, `cal-item-${seeded.acme}`);
        assert.equal(await day(page, '2031-01-02').isVisible(), false, 'an empty day is left out');
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= 390, `no sideways scrolling (${width}px)`);
      });
    }, { viewport: viewports.phone });
  });
});
