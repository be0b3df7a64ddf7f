// The real ChangeMgmt server in local mode, as a person would run it, for one test file:
// the Release build (test.sh builds it first; nothing is built here), a free loopback port,
// a fresh data directory, a copy of examples/ as its configuration (demo contacts from
// examples/local-contacts.json), and the portal from <repo>/web.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const browserTestsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = path.resolve(browserTestsDir, '../..');
// CHANGEMGMT_SERVER_DLL: another build of the server (e.g. a snapshot built outside the working tree).
export const serverDll = process.env.CHANGEMGMT_SERVER_DLL
  || path.join(repoRoot, 'lambda/ChangeMgmt.Lambda/bin/Release/net10.0/ChangeMgmt.Lambda.dll');
export const webRoot = path.join(repoRoot, 'web');
export const outDir = path.join(browserTestsDir, 'out');

const healthTimeoutMs = 60_000;
const stopTimeoutMs = 10_000;

export function freePort() {
  return new Promise((resolve, reject) => {
    const listener = net.createServer();
    listener.unref();
    listener.on('error', reject);
    listener.listen(0, '127.0.0.1', () => {
      const { port } = listener.address();
      listener.close(() => resolve(port));
    });
  });
}

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts the server and resolves once GET /api/health answers {"status":"ok"}.
 * @param {string} name used for the server log file (out/logs/<name>-server.log)
 * @param {object} [options]
 * @param {(config: object, contacts: object) => void} [options.configure] changes config.json and
 *   local-contacts.json (the customers' seeded contacts) before the server reads them
 */
export async function startServer(name, { configure } = {}) {
  if (!existsSync(serverDll)) {
    throw new Error(`${serverDll} does not exist: build the solution in Release first (./test.sh does).`);
  }
  const root = await mkdtemp(path.join(os.tmpdir(), 'changemgmt-browser-'));
  const configDir = path.join(root, 'config');
  const dataDir = path.join(root, 'data');
  await mkdir(configDir, { recursive: true });
  for (const file of await readdir(path.join(repoRoot, 'examples'))) {
    if (file.endsWith('.json')) await copyFile(path.join(repoRoot, 'examples', file), path.join(configDir, file));
  }
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // The portal is this server: the links in its emails lead here, as they would to a deployed portal.
  const configPath = path.join(configDir, 'config.json');
  const config = JSON.parse(await readFile(configPath, 'utf8'));
  config.email_config.portal_base_url = baseUrl;
  if (configure) {
    const contactsPath = path.join(configDir, 'local-contacts.json');
    const contacts = JSON.parse(await readFile(contactsPath, 'utf8'));
    configure(config, contacts);
    await writeFile(contactsPath, JSON.stringify(contacts, null, 2));
  }
  await writeFile(configPath, JSON.stringify(config, null, 2));

  // The server must not pick up a mode or configuration from the caller's environment.
  const env = { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1' };
  for (const key of ['CHANGEMGMT_CONFIG', 'CHANGEMGMT_MODE', 'CHANGEMGMT_DATA_DIR', 'AWS_LAMBDA_FUNCTION_NAME']) delete env[key];

  const args = [serverDll, '--mode', 'local', '--urls', baseUrl, '--data-dir', dataDir,
    '--config', path.join(configDir, 'config.json'), '--web-root', webRoot, '--log-format', 'text'];
  const child = spawn('dotnet', args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = [];
  const collect = (chunk) => output.push(...chunk.toString().split('\n').filter((l) => l.length > 0));
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  let exited = null;
  const exit = new Promise((resolve) => child.on('exit', (code, signal) => { exited = { code, signal }; resolve(exited); }));

  const server = {
    baseUrl,
    dataDir,
    root,
    output: () => output.join('\n'),
    url: (p) => new URL(p, baseUrl).toString(),
    /** JSON API call; resolves { status, headers, body }. */
    async api(method, p, body, headers = {}) {
      const response = await fetch(new URL(p, baseUrl), {
        method,
        headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      let json = null;
      try { json = text ? JSON.parse(text) : null; } catch { json = null; }
      return { status: response.status, headers: response.headers, body: json, text };
    },
    async stop() {
      if (exited === null) {
        child.kill('SIGTERM');
        let timer;
        const stopped = await Promise.race([exit, new Promise((resolve) => { timer = setTimeout(() => resolve(null), stopTimeoutMs); })]);
        clearTimeout(timer);
        if (stopped === null) { child.kill('SIGKILL'); await exit; }
      }
      await mkdir(path.join(outDir, 'logs'), { recursive: true });
      await writeFile(path.join(outDir, 'logs', `${name}-server.log`), `${args.join(' ')}\n${server.output()}\n`);
      if (!process.env.CHANGEMGMT_KEEP_DATA) await rm(root, { recursive: true, force: true });
    },
  };

  // Bounded poll of the health route; give up early if the process has exited.
  const deadline = Date.now() + healthTimeoutMs;
  let last = 'no answer';
  while (true) {
    if (exited !== null) {
      await server.stop();
      throw new Error(`The server exited (${JSON.stringify(exited)}) before it was healthy:\n${server.output()}`);
    }
    try {
      const health = await server.api('GET', '/api/health');
      if (health.status === 200 && health.body?.status === 'ok') break;
      last = `${health.status} ${health.text}`;
    } catch (error) {
      last = error.message;
    }
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`GET ${baseUrl}/api/health did not answer ok within ${healthTimeoutMs / 1000} s (last: ${last}):\n${server.output()}`);
    }
    await pause(100);
  }
  return server;
}
