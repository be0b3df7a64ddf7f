// Just enough MIME to show a sent .eml: headers (with RFC 2047 words), multipart, base64 / quoted-printable.

/** Bytes → a string of one char per byte (TextDecoder's "latin1" is windows-1252 and remaps 0x80-0x9F). */
function bytesToBinary(bytes) {
  let out = '';
  for (let i = 0; i < bytes.length; i += 0x8000) out += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  return out;
}

function decodeBytes(bytes, charset = 'utf-8') {
  try { return new TextDecoder(charset.toLowerCase()).decode(bytes); } catch { return new TextDecoder('utf-8').decode(bytes); }
}

const binaryToBytes = (s) => Uint8Array.from(s, (ch) => ch.charCodeAt(0) & 0xff);

function qpToBytes(s) {
  const out = [];
  const text = s.replace(/=\r?\n/g, '');
  for (let i = 0; i < text.length; i += 1) {
    if (text[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) { out.push(parseInt(text.slice(i + 1, i + 3), 16)); i += 2; } else out.push(text.charCodeAt(i) & 0xff);
  }
  return new Uint8Array(out);
}

function b64ToBytes(s) {
  try { return binaryToBytes(atob(s.replace(/[^A-Za-z0-9+/=]/g, ''))); } catch { return new Uint8Array(); }
}

/** =?utf-8?B?...?= and =?utf-8?Q?...?= words in a header value. */
export function decodeWords(value) {
  return value.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=(\s+(?==\?))?/g, (_, charset, enc, data) => {
    const bytes = enc.toUpperCase() === 'B' ? b64ToBytes(data) : qpToBytes(data.replace(/_/g, ' '));
    return decodeBytes(bytes, charset);
  });
}

function parseHeaders(block) {
  const headers = {};
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return headers;
}

function param(value, name) {
  const m = new RegExp(`${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(value || '');
  return m ? (m[1] ?? m[2]) : undefined;
}

/** Parses one entity (binary string) into {headers, type, parts?, text?}. */
function parseEntity(raw) {
  const split = /\r?\n\r?\n/.exec(raw);
  const headBlock = split ? raw.slice(0, split.index) : raw;
  const body = split ? raw.slice(split.index + split[0].length) : '';
  const headers = parseHeaders(headBlock);
  const contentType = headers['content-type'] || 'text/plain; charset=us-ascii';
  const type = contentType.split(';')[0].trim().toLowerCase();
  if (type.startsWith('multipart/')) {
    const boundary = param(contentType, 'boundary');
    const parts = [];
    if (boundary) {
      const chunks = body.split(new RegExp(`\\r?\\n?--${boundary.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(?:--)?[ \\t]*\\r?\\n?`));
      for (const chunk of chunks.slice(1)) if (chunk.trim()) parts.push(parseEntity(chunk));
    }
    return { headers, type, parts };
  }
  const encoding = (headers['content-transfer-encoding'] || '7bit').toLowerCase();
  const bytes = encoding === 'base64' ? b64ToBytes(body) : encoding === 'quoted-printable' ? qpToBytes(body) : binaryToBytes(body);
  return { headers, type, text: decodeBytes(bytes, param(contentType, 'charset') || 'utf-8') };
}

function find(entity, type) {
  if (entity.type === type) return entity;
  for (const p of entity.parts || []) { const f = find(p, type); if (f) return f; }
  return null;
}

/** {subject, from, to, date, html, text} from the bytes of an .eml file. */
export function parseEml(buffer) {
  const root = parseEntity(bytesToBinary(new Uint8Array(buffer)));
  const h = (n) => decodeWords(root.headers[n] || '');
  const html = find(root, 'text/html');
  const text = find(root, 'text/plain');
  return { subject: h('subject'), from: h('from'), to: h('to'), date: h('date'), html: html && html.text, text: text && text.text };
}
