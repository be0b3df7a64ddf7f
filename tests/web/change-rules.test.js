// web/js/change-rules.js: the form's own checks and the server's field errors under the form's keys.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mapServerErrors, validate } from '../../web/js/change-rules.js';

const values = (v = {}) => ({
  title: '', snow: '', jira: '', reason: '', 'implementation-plan': '', 'test-plan': '', 'customer-impact': '', 'rollback-plan': '',
  customers: [], timezone: '', start: '', end: '', ...v,
});

test('a draft needs nothing; submitting needs every required field, a customer and the window', () => {
  assert.deepEqual(validate(values(), false), {});
  assert.deepEqual(validate(values(), true), {
    title: 'Required.', reason: 'Required.', 'implementation-plan': 'Required.', 'test-plan': 'Required.', 'customer-impact': 'Required.',
    'rollback-plan': 'Required.', customers: 'Pick at least one customer.', start: 'Required.', end: 'Required.', timezone: 'Required.',
  });
});

test('a title over its limit is refused with its length, never cut', () => {
  assert.equal(validate(values({ title: 'x'.repeat(201) }), false).title, 'At most 200 characters; this one has 201.');
});

test('a legacy zone name is refused naming the place zone to use', () => {
  assert.match(validate(values({ timezone: 'EST' }), false).timezone, /use America\/New_York/);
});

test('the end must come after the start as instants, in the fall-back overlap too', () => {
  // Europe/Berlin, 25 October 2026: 02:15 and 02:30 happen twice; each wall clock is its first occurrence.
  const overlap = { timezone: 'Europe/Berlin', start: '2026-10-25T02:30', end: '2026-10-25T02:15' };
  assert.equal(validate(values(overlap), false).end, 'The end must be after the start.');
  assert.equal(validate(values({ ...overlap, end: '2026-10-25T03:00' }), false).end, undefined);
});

test('server errors land on the form\'s fields, a JSON path by its property, several messages joined', () => {
  assert.deepEqual(mapServerErrors({ changeTitle: ['Required.', 'Too long.'], '$.implementationStart': ['Not a valid value.'], 'customers[0]': 'Unknown.' }),
    { title: 'Required. Too long.', start: 'Not a valid value.', customers: 'Unknown.' });
});
