// The alternate contacts page (issue 24) against the server in AWS mode on moto, with the delivery function whose
// sweep checks the customers' organizations: acme's organization has a member account whose contacts differ from
// config (drifting), globex's has no trusted access for account.amazonaws.com (a failure with its fix), initech and
// umbrella have no contact_config (not configured). An admin sees the counts, the drifting account, the fix and
// "Check now", which the next sweep answers; a viewer only reads; an acme person sees only acme. axe finds nothing serious at desktop or phone width.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, viewports, withPage } from './support/browser.js';
import { expectHidden, expectText, expectVisible, sel } from './support/expect.js';
import { sessionToken, signIn, startAwsServer } from './support/aws-server.js';
import { organizationRole, seedOrganization } from './support/organizations.js';
import { seriousViolations } from './support/axe.js';

const env = { server: null, browser: null };
const admin = sessionToken('ada', ['admin']);
const viewer = sessionToken('vic', ['viewer']);
const acmeViewer = sessionToken('amy', ['viewer'], ['acme']);
const AcmeManagement = '111100000001';
const GlobexManagement = '222200000001';
const configured = {
  SECURITY: { name: 'MSP SOC', title: 'Security Operations', email: 'soc@msp.example', phone: '+14155550100' },
  BILLING: { name: 'MSP Billing', title: 'Accounts', email: 'billing@msp.example', phone: '+14155550101' },
  OPERATIONS: { name: 'MSP NOC', title: 'Operations', email: 'noc@msp.example', phone: '+14155550102' },
};
let drifting;

function contactConfig() {
  const fields = {};
  for (const [type, c] of Object.entries(configured)) {
    for (const field of ['name', 'title', 'email', 'phone']) fields[`${type.toLowerCase()}_${field}`] = c[field];
  }
  return fields;
}

function configure(config) {
  for (const [code, management] of [['acme', AcmeManagement], ['globex', GlobexManagement]]) {
    Object.assign(config.customer_mappings[code], { organization_role_arn: organizationRole(management), management_account_id: management, contact_config: contactConfig() });
  }
}

const row = (page, code) => page.locator(`${sel('ac-row')}[data-customer="${code}"]`);
const cell = async (page, code, testId) => (await row(page, code).locator(sel(testId)).innerText()).trim();

describe('alternate contacts in the portal', () => {
  before(async () => {
    env.server = await startAwsServer('alternate-contacts', { configure, delivery: true });
    env.browser = await launchBrowser();
    const acme = await seedOrganization(env.server.motoUrl, AcmeManagement, { members: 1 });
    await seedOrganization(env.server.motoUrl, GlobexManagement, { members: 1, trustedAccess: false });
    for (const [type, contact] of Object.entries(configured)) await acme.putContact(null, type, contact);
    [drifting] = acme.memberIds;
    await acme.putContact(drifting, 'SECURITY', { name: 'Old SOC', title: 'Existing', email: 'soc-old@acme.example', phone: '+15550000000' });
    const swept = await env.server.sweep();
    assert.equal(swept.contactReports, 2, `the sweep checks acme and globex: ${JSON.stringify(swept)}\n${env.server.output()}`);
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });

  it('shows an admin the counts, the drifting account, the failure\'s fix and "not configured"; Check now is answered by the next sweep', { timeout: 90_000 }, async () => {
    await withPage(env, 'alternate-contacts-admin', async (page, s) => {
      await s('counts', async () => {
        await signIn(page, env.server, admin);
        await page.goto('/alternate-contacts.html');
        await row(page, 'acme').waitFor();
        assert.deepEqual(await Promise.all(['ac-accounts', 'ac-matching', 'ac-drifting', 'ac-failed'].map((t) => cell(page, 'acme', t))), ['2', '1', '1', '0']);
        assert.equal(await cell(page, 'globex', 'ac-failed'), '1');
        // Badges are shown capitalised by CSS: compare the words.
        assert.equal((await cell(page, 'acme', 'ac-state')).toLowerCase(), 'drift');
        assert.equal((await cell(page, 'globex', 'ac-state')).toLowerCase(), 'could not check', 'an organization that could not be read is not called drift');
        assert.match(await cell(page, 'acme', 'ac-checked'), /ago|now/);
        assert.match(await cell(page, 'umbrella', 'ac-state'), /Not configured/);
        assert.match(await cell(page, 'umbrella', 'ac-fix'), /contact_config/);
        assert.equal(await row(page, 'umbrella').locator(sel('ac-check')).count(), 0, 'a customer that is not configured has nothing to check');
      });
      await s('drifting-account', async () => {
        await row(page, 'acme').locator(sel('ac-customer')).click();
        await expectText(page, 'ac-detail-summary', /2 accounts: 1 matching config, 1 drifting, 0 failures/);
        const security = page.locator(`${sel('ac-drift-row')}[data-account="${drifting}"][data-type="security"]`);
        assert.match(await security.locator(sel('ac-current')).innerText(), /Old SOC <soc-old@acme\.example>/);
        assert.match(await security.locator(sel('ac-configured')).innerText(), /MSP SOC <soc@msp\.example>/);
        assert.equal(await page.locator(`${sel('ac-drift-row')}[data-account="${drifting}"][data-type="billing"] ${sel('ac-current')}`).innerText(), 'None');
        assert.equal(await page.locator(`${sel('ac-drift-row')}[data-account="${AcmeManagement}"]`).count(), 0, 'the matching management account is not listed');
        assert.deepEqual(await seriousViolations(page), [], 'axe at desktop width');
      });
      await s('failure-fix', async () => {
        // Keyboard: the customer's button opens its detail and takes the focus there.
        await row(page, 'globex').locator(sel('ac-customer')).focus();
        await page.keyboard.press('Enter');
        await expectText(page, 'ac-failure-fix', /enable-aws-service-access --service-principal account\.amazonaws\.com/);
        assert.equal(await page.evaluate(() => document.activeElement?.id), 'ac-detail-h');
        assert.match(await page.locator(sel('ac-failure')).innerText(), /Trusted access/);
      });
      await s('check-now', async () => {
        await row(page, 'acme').locator(sel('ac-check')).click();
        await expectText(page, 'ac-status', /check requested; results after the next sweep/);
        await row(page, 'acme').locator(sel('ac-requested')).waitFor();
        const swept = await env.server.sweep();
        assert.equal(swept.contactReports, 1, 'the next sweep checks the requested customer only');
        await page.reload();
        await row(page, 'acme').waitFor();
        assert.equal(await row(page, 'acme').locator(sel('ac-requested')).count(), 0);
      });
    });
  });

  it('lets a viewer read without Check now, at phone width too', { timeout: 60_000 }, async () => {
    await withPage(env, 'alternate-contacts-viewer', async (page, s) => {
      await s('phone', async () => {
        await signIn(page, env.server, viewer);
        await page.goto('/alternate-contacts.html?customer=acme');
        await expectVisible(page, 'ac-detail');
        await row(page, 'globex').waitFor();
        assert.equal(await page.locator(sel('ac-check')).count(), 0);
        assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'nothing wider than the phone');
        assert.deepEqual(await seriousViolations(page), [], 'axe at phone width');
      });
    }, { viewport: viewports.phone });
  });

  it('shows a customer-scoped person only their customer', { timeout: 60_000 }, async () => {
    await withPage(env, 'alternate-contacts-scoped', async (page, s) => {
      await s('own', async () => {
        await signIn(page, env.server, acmeViewer);
        await page.goto('/alternate-contacts.html');
        await row(page, 'acme').waitFor();
        assert.deepEqual(await page.locator(sel('ac-row')).evaluateAll((rows) => rows.map((r) => r.dataset.customer)), ['acme']);
      });
      await s('other-customer', async () => {
        await page.goto('/alternate-contacts.html?customer=globex');
        await expectText(page, 'ac-status', /No customer 'globex'/);
        await expectHidden(page, 'ac-detail');
        assert.doesNotMatch(await page.locator('main').innerText(), /Globex|222200000001/);
      });
    });
  });
});
