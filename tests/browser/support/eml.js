// A sent .eml taken apart independently of the portal's own MIME code: every leaf part, decoded
// (base64, quoted-printable, 7/8 bit), and the links each part holds (HTML hrefs, URLs in text,
// an ICS invite's URL and DESCRIPTION after unfolding and unescaping).

const splitHead = (raw) => {
  const at = raw.search(/\r?\n\r?\n/);
  return at < 0 ? [raw, ''] : [raw.slice(0, at), raw.slice(at).replace(/^\r?\n\r?\n/, '')];
};

function headers(head) {
  const map = new Map();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) map.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return map;
}

function decode(body, encoding) {
  switch ((encoding || '').toLowerCase()) {
    case 'base64': return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'quoted-printable':
      return Buffer.from(body.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
    default: return Buffer.from(body, 'latin1').toString('utf8');
  }
}

/** The leaf parts of a message (raw: the .eml as a latin1 string): [{ type, text }]. */
export function parts(raw) {
  const [head, body] = splitHead(raw);
  const h = headers(head);
  const type = (h.get('content-type') || 'text/plain').toLowerCase();
  const boundary = /boundary="?([^";]+)"?/i.exec(h.get('content-type') || '')?.[1];
  if (type.startsWith('multipart/') && boundary) {
    return body.split(`--${boundary}`).slice(1).filter((p) => !p.startsWith('--')).flatMap((p) => parts(p.replace(/^\r?\n/, '')));
  }
  return [{ type: type.split(';')[0].trim(), text: decode(body, h.get('content-transfer-encoding')) }];
}

/** The http(s) links of one decoded part. */
export function links(part) {
  if (part.type === 'text/html') {
    return [...part.text.matchAll(/href="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&')).filter((u) => /^https?:/.test(u));
  }
  const text = part.type === 'text/calendar'
    ? part.text.replace(/\r?\n[ \t]/g, '').replace(/\\n/gi, '\n').replace(/\\([,;\\])/g, '$1')
    : part.text;
  return [...text.matchAll(/https?:\/\/[^\s<>"]+/g)].map((m) => m[0]);
}
