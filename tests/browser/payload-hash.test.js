// The body hash every portal write carries for CloudFront's origin access control (web/js/payload-hash.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { needsPayloadHash, sha256Hex } from '../../web/js/payload-hash.js';

test('known SHA-256 vectors, lowercase hex', async () => {
  assert.equal(await sha256Hex(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  assert.equal(await sha256Hex(), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'no body is the empty body');
  assert.equal(await sha256Hex('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  assert.equal(await sha256Hex('The quick brown fox jumps over the lazy dog'), 'd7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592');
});

test('a non-ASCII body is hashed as its UTF-8 bytes', async () => {
  // "Grüße aus Zürich — 東京 🚀": 35 bytes of UTF-8 (2-, 3- and 4-byte characters); digest from Python's hashlib.
  const text = 'Gr\u00fc\u00dfe aus Z\u00fcrich \u2014 \u6771\u4eac \u{1F680}';
  assert.equal(Buffer.byteLength(text, 'utf8'), 35);
  assert.equal(await sha256Hex(text), '83f8ee46b8477ce12f8bb16d208692fe56215af1ce0c057ec27abab60f29de10');
});

test('a change body hashes as node:crypto hashes the same string', async () => {
  const body = JSON.stringify({ changeTitle: 'Caf\u00e9 maintenance', customers: ['acme', 'globex'], changeReason: 'x'.repeat(5000) });
  assert.equal(await sha256Hex(body), createHash('sha256').update(body, 'utf8').digest('hex'));
});

test('every write needs the hash, reads do not', () => {
  for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'post', 'delete']) assert.equal(needsPayloadHash(method), true, method);
  for (const method of ['GET', 'HEAD', 'OPTIONS']) assert.equal(needsPayloadHash(method), false, method);
});
