// One real server and one chromium for the tests of a file (or of the describe block it is called in).
import { after, before } from 'node:test';
import { launchBrowser } from './browser.js';
import { startServer } from './server.js';

/** Registers before/after hooks; the returned object has .server and .browser once they run. Options: startServer's. */
export function useServerAndBrowser(name, options) {
  const env = { server: null, browser: null };
  before(async () => {
    env.server = await startServer(name, options);
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}
