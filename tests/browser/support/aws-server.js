// The server in AWS mode (API function) against moto, behind a small front that serves the portal from <repo>/web and
// passes /api to it as CloudFront does, so the portal runs as signed-in people with roles and a customer scope: each
// person's session is a token signed with the test secret, set as the session cookie the edge would set.
import { spawn } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { freePort, outDir, repoRoot, serverDll, webRoot } from './server.js';

const secret = createHmac('sha256', 'changemgmt browser tests').digest();
const bucket = 'msp-change-metadata-example';
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' };
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const b64url = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** A session token as the edge signs it (HS256): the user, roles and, when given, the customers they are limited to. */
export function sessionToken(user, roles, customers) {
  const now = Math.floor(Date.now() / 1000);
  const claims = { sub: user, name: `Test ${user}`, roles, iss: 'changemgmt-edge', aud: 'changemgmt-api', iat: now - 60, nbf: now - 60, exp: now + 3600, jti: randomUUID(), ...(customers ? { customers } : {}) };
  const unsigned = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url(claims)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

function spawnLogged(command, args, options, output) {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  const collect = (chunk) => output.push(...chunk.toString().split('\n').filter(Boolean));
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  child.exited = new Promise((resolve) => child.on('exit', resolve));
  return child;
}

async function until(what, check, output) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try { if (await check()) return; } catch { /* not yet */ }
    if (Date.now() > deadline) throw new Error(`${what} did not start within 60 s:\n${output.join('\n')}`);
    await pause(100);
  }
}

/** The portal's files, and /api passed to the server with the browser's headers (its cookie among them). */
function front(apiBase) {
  return http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://front');
    if (url.pathname.startsWith('/api/')) {
      const chunks = [];
      for await (const c of req) chunks.push(c);
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => k !== 'host' && k !== 'connection'));
      const answer = await fetch(new URL(req.url, apiBase), { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
      res.writeHead(answer.status, Object.fromEntries([...answer.headers].filter(([k]) => !['content-encoding', 'transfer-encoding', 'connection'].includes(k))));
      res.end(Buffer.from(await answer.arrayBuffer()));
      return;
    }
    const file = path.join(webRoot, path.normalize(url.pathname === '/' ? '/index.html' : url.pathname));
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
}

/**
 * Starts moto, the server (AWS mode, API only) and the front; resolves {baseUrl, motoUrl, api(method, path, body, token),
 * sweep(), stop}. configure(config) changes config.json first; with delivery the delivery function runs too, and
 * sweep() sends it the one-minute schedule's event (POST /events) and resolves what the sweep did.
 */
export async function startAwsServer(name, { configure, delivery = false } = {}) {
  const root = await mkdtemp(path.join(os.tmpdir(), 'changemgmt-browser-aws-'));
  const configDir = path.join(root, 'config');
  await mkdir(configDir, { recursive: true });
  for (const file of await readdir(path.join(repoRoot, 'examples'))) {
    if (file.endsWith('.json')) await copyFile(path.join(repoRoot, 'examples', file), path.join(configDir, file));
  }
  const config = JSON.parse(await readFile(path.join(configDir, 'config.json'), 'utf8'));
  const [motoPort, apiPort, frontPort] = [await freePort(), await freePort(), await freePort()];
  // The front is the portal's origin: the API accepts the portal's cookie-signed writes from it (as from CloudFront's).
  config.auth = { session_secret_env: 'CHANGEMGMT_SESSION_SECRET', portal_origin: `http://127.0.0.1:${frontPort}` };
  configure?.(config);
  await writeFile(path.join(configDir, 'config.json'), JSON.stringify(config, null, 2));

  const output = [];
  const motoUrl = `http://127.0.0.1:${motoPort}`;
  const moto = spawnLogged('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(motoPort)], { cwd: root }, output);
  await until('moto', async () => (await fetch(`${motoUrl}/${bucket}`, { method: 'PUT' })).ok, output);
  const env = {
    ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1', CHANGEMGMT_SESSION_SECRET: secret.toString('base64'),
    AWS_ENDPOINT_URL: motoUrl, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true',
  };
  for (const key of ['CHANGEMGMT_CONFIG', 'CHANGEMGMT_MODE', 'CHANGEMGMT_DATA_DIR', 'AWS_LAMBDA_FUNCTION_NAME']) delete env[key];
  const apiBase = `http://127.0.0.1:${apiPort}`;
  const start = (fn, base) => spawnLogged('dotnet', [serverDll, '--mode', 'aws', '--function', fn, '--worker', 'off', '--urls', base,
    '--config', path.join(configDir, 'config.json'), '--log-format', 'text'], { cwd: root, env }, output);
  const server = start('api', apiBase);
  await until('the server', async () => (await fetch(`${apiBase}/api/health`)).ok, output);
  const deliveryBase = delivery ? `http://127.0.0.1:${await freePort()}` : null;
  const deliveryServer = delivery ? start('delivery', deliveryBase) : null;
  if (delivery) await until('the delivery function', async () => (await fetch(`${deliveryBase}/api/health`)).ok, output);
  const web = front(apiBase);
  await new Promise((resolve) => web.listen(frontPort, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${frontPort}`;
  return {
    baseUrl,
    motoUrl,
    output: () => output.join('\n'),
    async sweep() {
      const answer = await fetch(`${deliveryBase}/events`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ source: 'aws.events', 'detail-type': 'Scheduled Event', detail: {} }),
      });
      if (!answer.ok) throw new Error(`the sweep answered ${answer.status}: ${await answer.text()}`);
      return answer.json();
    },
    async api(method, p, body, token) {
      const answer = await fetch(new URL(p, apiBase), {
        method, body: body === undefined ? undefined : JSON.stringify(body),
        headers: { accept: 'application/json', authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      });
      const text = await answer.text();
      return { status: answer.status, body: text ? JSON.parse(text) : null, text };
    },
    async stop() {
      web.close();
      for (const child of [server, deliveryServer, moto].filter(Boolean)) { child.kill('SIGTERM'); await child.exited; }
      await mkdir(path.join(outDir, 'logs'), { recursive: true });
      await writeFile(path.join(outDir, 'logs', `${name}-aws-server.log`), output.join('\n'));
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** A browser context signed in as `token` (the session cookie on the front's origin). */
export async function signIn(page, server, token) {
  await page.context().addCookies([{ name: 'cm_session', value: token, url: server.baseUrl }]);
}
