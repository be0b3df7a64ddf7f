// web/js/change-table.js listRow and web/js/change-actions.js dialogFor over both kinds: an announcement's row
// goes to its own page and names its type; its dialogs name it and say what its action does.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { listRow } from '../../web/js/change-table.js';
import { dialogFor } from '../../web/js/change-actions.js';

test('a change summary and an announcement summary become rows of the one table, each to its own page', () => {
  const change = listRow({ changeId: 'CHG-20261206-ABC123', changeTitle: 'Patch', status: 'approved', customers: ['acme'],
    implementationStart: '2030-03-12T22:00:00-04:00', timezone: 'America/New_York', modifiedAt: '2026-12-06T10:00:00Z' });
  const announcement = listRow({ announcementId: 'ANN-20261206-XYZ789', announcementType: 'finops', title: 'Q3 costs', status: 'submitted',
    customers: ['acme', 'globex'], modifiedAt: '2026-12-06T11:00:00Z' });

  assert.deepEqual([change.kind, change.id, change.href, change.title, change.start],
    ['change', 'CHG-20261206-ABC123', 'detail.html?id=CHG-20261206-ABC123', 'Patch', '2030-03-12T22:00:00-04:00']);
  assert.deepEqual([announcement.kind, announcement.id, announcement.href, announcement.title, announcement.type, announcement.start],
    ['announcement', 'ANN-20261206-XYZ789', 'announcement-detail.html?id=ANN-20261206-XYZ789', 'Q3 costs', 'finops', null]);
});

test('an announcement\'s dialog names the announcement and says what its action does; a change\'s stays as it was', () => {
  const announcement = { announcement_id: 'ANN-20261206-XYZ789', status: 'submitted' };
  const approve = dialogFor('approve', announcement, { label: announcement.announcement_id, intro: 'Subscribers of the topic get it.' });
  assert.equal(approve.title, 'Approve ANN-20261206-XYZ789');
  assert.equal(approve.intro, 'Subscribers of the topic get it.');
  assert.equal(dialogFor('submit', announcement, { label: announcement.announcement_id }), null, 'no window: nothing to override, no dialog');
  const cancel = dialogFor('cancel', { changeId: 'CHG-20261206-ABC123' });
  assert.equal(cancel.title, 'Cancel CHG-20261206-ABC123');
  assert.match(cancel.intro, /cancellation notice/);
});
