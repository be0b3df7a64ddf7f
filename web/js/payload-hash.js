// The body hash CloudFront's origin access control needs to sign a write for the API's Lambda function
// URL: Lambda accepts no unsigned payloads, so every POST, PUT, PATCH and DELETE carries
// x-amz-content-sha256, the lowercase hex SHA-256 of exactly the bytes sent (the empty body too).

export const PAYLOAD_HASH_HEADER = 'x-amz-content-sha256';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** True when a request with this method must carry the body's hash. */
export const needsPayloadHash = (method) => WRITES.has(String(method).toUpperCase());

/** Lowercase hex SHA-256 of the UTF-8 bytes of a string body ('' for no body). */
export async function sha256Hex(body = '') {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(body));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
