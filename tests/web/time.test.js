// web/js/time.js across DST in two zones, run with the machine in a third (TZ=Asia/Tokyo, no DST): a wall
// clock the spring-forward gap skips moves forward by the gap; one the fall-back overlap repeats is its first
// occurrence; an instant reads back as the wall clock of its own zone. The portal's modules are plain ES
// modules without a package.json, hence node's --experimental-detect-module (package.json's test script).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { browserZone, formatWindow, isoToLocalInput, localInputToIso, offsetMinutes } from '../../web/js/time.js';

test('the machine runs in Asia/Tokyo, a zone unlike both under test', () => {
  assert.equal(browserZone(), 'Asia/Tokyo');
  assert.equal(new Date('2026-07-01T00:00:00Z').getTimezoneOffset(), -540);
});

const zones = [
  {
    zone: 'Europe/Berlin',
    winter: ['2026-01-15T12:00', '2026-01-15T12:00:00+01:00'],
    summer: ['2026-07-01T12:00', '2026-07-01T12:00:00+02:00'],
    // 29 March 2026: 02:00 CET becomes 03:00 CEST.
    gap: ['2026-03-29T02:30', '2026-03-29T03:30:00+02:00'],
    springEdge: ['2026-03-29T00:59:59Z', 60, '2026-03-29T01:00:00Z', 120],
    // 25 October 2026: 03:00 CEST becomes 02:00 CET, so 02:00-02:59 happens twice.
    overlap: ['2026-10-25T02:30', '2026-10-25T02:30:00+02:00', '2026-10-25T02:30:00+01:00'],
  },
  {
    zone: 'America/New_York',
    winter: ['2026-01-15T12:00', '2026-01-15T12:00:00-05:00'],
    summer: ['2026-07-01T12:00', '2026-07-01T12:00:00-04:00'],
    // 8 March 2026: 02:00 EST becomes 03:00 EDT.
    gap: ['2026-03-08T02:30', '2026-03-08T03:30:00-04:00'],
    springEdge: ['2026-03-08T06:59:59Z', -300, '2026-03-08T07:00:00Z', -240],
    // 1 November 2026: 02:00 EDT becomes 01:00 EST, so 01:00-01:59 happens twice.
    overlap: ['2026-11-01T01:30', '2026-11-01T01:30:00-04:00', '2026-11-01T01:30:00-05:00'],
  },
];

for (const z of zones) {
  test(`${z.zone}: standard and summer time carry their own offsets`, () => {
    assert.equal(localInputToIso(z.winter[0], z.zone), z.winter[1]);
    assert.equal(localInputToIso(z.summer[0], z.zone), z.summer[1]);
  });

  test(`${z.zone}: a wall clock in the spring-forward gap moves forward by the gap`, () => {
    const [wall, expected] = z.gap;
    assert.equal(localInputToIso(wall, z.zone), expected);
    assert.equal(isoToLocalInput(expected, z.zone), expected.slice(0, 16), 'the time saved is the one the form then shows');
  });

  test(`${z.zone}: the offset changes at the instant of the spring-forward`, () => {
    const [before, offBefore, at, offAt] = z.springEdge;
    assert.equal(offsetMinutes(Date.parse(before), z.zone), offBefore);
    assert.equal(offsetMinutes(Date.parse(at), z.zone), offAt);
  });

  test(`${z.zone}: a wall clock in the fall-back overlap is its first occurrence`, () => {
    const [wall, first, second] = z.overlap;
    assert.equal(localInputToIso(wall, z.zone), first);
    assert.equal(Date.parse(second) - Date.parse(first), 3_600_000, 'the second occurrence is an hour later');
    assert.equal(isoToLocalInput(first, z.zone), wall);
    assert.equal(isoToLocalInput(second, z.zone), wall, 'both instants show the same wall clock');
  });

  test(`${z.zone}: a window across the fall-back names the offset at its start`, () => {
    const [, first, second] = z.overlap;
    const text = formatWindow(first, second, z.zone);
    assert.match(text, new RegExp(`\\(${z.zone.replace('/', '\\/')}, UTC${first.slice(-6).replace('+', '\\+')}\\)$`));
  });
}
