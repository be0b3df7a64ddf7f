// The preferences links of a really sent message: read from its .eml in the local outbox (the server's
// /api/outbox/{id}/eml), each part taken apart by eml.js, not by the portal's own code.
import { links, parts } from './eml.js';

export const isPreferencesLink = (url) => new URL(url).pathname === '/preferences.html';

/** [{ url, part }] of every preferences link in the message's parts (HTML and text). */
export async function preferencesLinks(server, messageId) {
  const response = await fetch(server.url(`/api/outbox/${messageId}/eml`));
  if (!response.ok) throw new Error(`GET /api/outbox/${messageId}/eml: ${response.status}`);
  const raw = Buffer.from(await response.arrayBuffer()).toString('latin1');
  return parts(raw).flatMap((part) => links(part).filter(isPreferencesLink).map((url) => ({ url, part: part.type })));
}

/** The preferences the link's own token opens, read through the API as the page does. */
export async function preferencesOf(server, url) {
  const token = new URL(url).searchParams.get('token');
  return server.api('GET', `/api/preferences?token=${encodeURIComponent(token)}`);
}
