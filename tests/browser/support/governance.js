// Seeding changes in a given state and window through the API, and a person's moves in the portal's action
// dialog (reject, approve, cancel, the backdated and early overrides), for the governance tests.
import assert from 'node:assert/strict';
import { expectHidden, expectVisible, sel } from './expect.js';
import { sampleChangeJson } from './portal.js';

const HOUR = 3_600_000;

/** A window `fromHours` from now (negative: in the past), `hours` long, on whole minutes, in UTC. */
export function windowFrom(fromHours, hours = 1) {
  const start = Math.floor((Date.now() + fromHours * HOUR) / 60_000) * 60_000;
  return {
    timezone: 'UTC',
    implementationStart: new Date(start).toISOString(),
    implementationEnd: new Date(start + hours * HOUR).toISOString(),
  };
}

/** A window on a day of 2031 (far from the other tests' 2030 windows: overlaps are chosen, not accidental). */
export function windowOn(day, hours = 2) {
  const start = Date.UTC(2031, 0, day, 10);
  return { timezone: 'UTC', implementationStart: new Date(start).toISOString(), implementationEnd: new Date(start + hours * HOUR).toISOString() };
}

/** Creates a change and takes it through `actions` (each 'submit', or [action, body]); resolves its id. */
export async function seedChange(server, title, { customers = ['acme'], window = windowOn(1), actions = [] } = {}) {
  const created = await server.api('POST', '/api/changes', { ...sampleChangeJson(title, customers), changeTitle: title, ...window });
  assert.equal(created.status, 201, created.text);
  const id = created.body.changeId;
  for (const step of actions) {
    const [action, body] = Array.isArray(step) ? step : [step, undefined];
    const done = await server.api('POST', `/api/changes/${id}/${action}`, body);
    assert.equal(done.status, 200, `${action}: ${done.text}`);
  }
  return id;
}

export const readChange = async (server, id) => (await server.api('GET', `/api/changes/${id}`)).body;

/** Clicks the action's button and waits for its dialog. */
export async function openDialog(page, action) {
  await page.locator(sel(`action-${action}`)).click();
  await expectVisible(page, 'action-dialog', { what: `after action-${action}` });
}

/** Fills the open dialog ({comment, reason, backdated, early}), confirms, and waits for it to close. */
export async function confirmDialog(page, values = {}) {
  for (const [name, value] of Object.entries(values)) {
    const field = page.locator(sel(`dialog-field-${name}`));
    if (value === true) await field.check(); else await field.fill(value);
  }
  await page.locator(sel('dialog-confirm')).click();
  await expectHidden(page, 'action-dialog', { what: 'the dialog after confirming' });
}

/** What the focused element is: its data-testid, else its tag. */
export const focused = (page) => page.evaluate(() => document.activeElement?.dataset.testid || document.activeElement?.tagName);
