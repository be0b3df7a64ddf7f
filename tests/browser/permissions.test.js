// The portal shows only the actions the API's permission matrix allows (web/js/permissions.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allows, approveInvitation } from '../../web/js/permissions.js';

const draftBy = (user) => ({ status: 'draft', createdBy: user });
const submitted = { status: 'submitted', createdBy: 'ed' };

test('viewers see no action', () => {
  const viewer = { user: 'vi', roles: ['viewer'] };
  for (const action of ['action-edit', 'action-submit', 'action-approve', 'action-reject', 'action-complete', 'action-cancel', 'action-delete'])
    assert.equal(allows(viewer, action, draftBy('vi')), false, action);
});

test('editors edit, submit and delete their own drafts only', () => {
  const editor = { user: 'ed', roles: ['editor'] };
  assert.equal(allows(editor, 'action-edit', draftBy('ed')), true);
  assert.equal(allows(editor, 'action-submit', draftBy('ed')), true);
  assert.equal(allows(editor, 'action-delete', draftBy('ed')), true);
  assert.equal(allows(editor, 'action-edit', draftBy('someone-else')), false);
  assert.equal(allows(editor, 'action-edit', submitted), false);
  assert.equal(allows(editor, 'action-approve', submitted), false);
});

test('approvers approve, reject, complete, cancel and edit changes past draft', () => {
  const approver = { user: 'ap', roles: ['approver'] };
  for (const action of ['action-approve', 'action-reject', 'action-complete', 'action-cancel', 'action-edit'])
    assert.equal(allows(approver, action, submitted), true, action);
  assert.equal(allows(approver, 'action-submit', draftBy('ed')), false);
});

test('admins and the local operator may do everything; nobody signed in nothing', () => {
  const admin = { user: 'local-operator', roles: ['admin'] };
  for (const action of ['action-edit', 'action-submit', 'action-approve', 'action-complete', 'action-cancel', 'action-delete'])
    assert.equal(allows(admin, action, draftBy('ed')), true, action);
  assert.equal(allows(null, 'action-approve', submitted), false);
});

test('an emailed approve link readies the action for approvers only, and says why otherwise', () => {
  const approver = { user: 'ap', roles: ['approver'] };
  const editor = { user: 'ed', roles: ['editor'] };
  assert.equal(approveInvitation(approver, submitted).ready, true);
  const refused = approveInvitation(editor, submitted);
  assert.equal(refused.ready, false);
  assert.match(refused.message, /approver or admin role.*signed in as ed \(editor\)/);
  const done = approveInvitation(approver, { ...submitted, status: 'approved' });
  assert.deepEqual([done.ready, /is approved: there is nothing to approve/.test(done.message)], [false, true]);
});

test('only admins see Redrive (POST /api/dead-letters/redrive is admin-only)', () => {
  for (const role of ['viewer', 'editor', 'approver'])
    assert.equal(allows({ user: 'u', roles: [role] }, 'action-redrive', submitted), false, role);
  assert.equal(allows({ user: 'local-operator', roles: ['admin'] }, 'action-redrive', submitted), true);
});

test('a rejected change is its author\'s again: the editor who wrote it edits and submits it; approvers do not edit it', () => {
  const rejected = { status: 'rejected', createdBy: 'ed' };
  const editor = { user: 'ed', roles: ['editor'] };
  const approver = { user: 'ap', roles: ['approver'] };
  assert.equal(allows(editor, 'action-edit', rejected), true);
  assert.equal(allows(editor, 'action-submit', rejected), true);
  assert.equal(allows(editor, 'action-reject', submitted), false, 'rejecting needs the approver role');
  assert.equal(allows({ user: 'someone', roles: ['editor'] }, 'action-edit', rejected), false);
  assert.equal(allows(approver, 'action-edit', rejected), false);
});

test('announcements follow the change\'s rules: the author publishes the draft, an approver approves and cancels', () => {
  const draft = { announcement_id: 'ANN-20261206-XYZ789', status: 'draft', createdBy: 'ed' };
  const submittedAnnouncement = { ...draft, status: 'submitted' };
  const editor = { user: 'ed', roles: ['editor'] };
  const approver = { user: 'ap', roles: ['approver'] };
  assert.equal(allows(editor, 'action-submit', draft), true);
  assert.equal(allows({ user: 'other', roles: ['editor'] }, 'action-submit', draft), false);
  assert.equal(allows(editor, 'action-approve', submittedAnnouncement), false);
  assert.equal(allows(editor, 'action-edit', submittedAnnouncement), false);
  assert.equal(allows(approver, 'action-approve', submittedAnnouncement), true);
  assert.equal(allows(approver, 'action-cancel', submittedAnnouncement), true);
});

test('only admins see the freeze page\'s add, edit and remove (the API keeps a scoped admin to its customers)', () => {
  for (const role of ['viewer', 'editor', 'approver'])
    assert.equal(allows({ user: 'u', roles: [role] }, 'freeze-write'), false, role);
  assert.equal(allows({ user: 'local-operator', roles: ['admin'] }, 'freeze-write'), true);
  assert.equal(allows(null, 'freeze-write'), false);
});
