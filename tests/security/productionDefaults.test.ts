import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../bot/config/config';
import { startupWarnings } from '../../bot/config/startupWarnings';
import { hashPassword } from '../../bot/staff/passwords';
import { loadStaffAccounts } from '../../bot/staff/staffAccounts';
import { listen, messageActivity, postActivity } from '../helpers/httpServer';
import { StaffClient } from '../helpers/staffClient';
import { makeTempDir } from '../helpers/tempDir';
import { makeTestApp } from '../helpers/testApp';

const SECRET = 'p'.repeat(32);
const DEPARTMENTS = new Set(['it', 'hr', 'facility', 'finance']);
const shippedAccounts = () => loadStaffAccounts('staff/accounts.json', DEPARTMENTS);

describe('production is safe by default', () => {
  it('refuses to start without MicrosoftAppId, naming the opt-in for a deployment behind an authenticating gateway', () => {
    const start = () => loadConfig({ NODE_ENV: 'production', DIRECT_LINE_SECRET: SECRET });
    expect(start).toThrow(ConfigError);
    expect(start).toThrow(/MicrosoftAppId: is required in production.*ALLOW_UNAUTHENTICATED_MESSAGES=true/);
    expect(loadConfig({ NODE_ENV: 'production', DIRECT_LINE_SECRET: SECRET, ALLOW_UNAUTHENTICATED_MESSAGES: 'true' }).ALLOW_UNAUTHENTICATED_MESSAGES).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production', DIRECT_LINE_SECRET: SECRET, MicrosoftAppId: 'app', MicrosoftAppPassword: 'pw' }).MicrosoftAppId).toBe('app');
    // Outside production nothing changes: local use needs no credentials.
    expect(loadConfig({ NODE_ENV: 'development' }).MicrosoftAppId).toBeUndefined();
  });

  it('warns at every start about the opt-in, an open /metrics and staff accounts with the demo password', async () => {
    const config = loadConfig({ NODE_ENV: 'production', DIRECT_LINE_SECRET: SECRET, ALLOW_UNAUTHENTICATED_MESSAGES: 'true' });
    const warnings = await startupWarnings(config, shippedAccounts());
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toMatch(/ALLOW_UNAUTHENTICATED_MESSAGES=true: POST \/api\/messages accepts activities without a Bot Framework token/);
    expect(warnings[1]).toMatch(/METRICS_TOKEN is not set: GET \/metrics is open/);
    expect(warnings[2]).toMatch(/demo password cannot sign in in production: it\.agent, .*admin/);
    expect(await startupWarnings(config, shippedAccounts())).toEqual(warnings);
  });

  it('starts without a word when it is configured safely', async () => {
    const config = loadConfig({ NODE_ENV: 'production', DIRECT_LINE_SECRET: SECRET, MicrosoftAppId: 'app', MicrosoftAppPassword: 'pw', METRICS_TOKEN: 'm'.repeat(16) });
    const own = [{ ...shippedAccounts()[0], passwordHash: await hashPassword('a password of our own') }];
    expect(await startupWarnings(config, own)).toEqual([]);
    expect(await startupWarnings(loadConfig({ NODE_ENV: 'development' }), shippedAccounts())).toEqual([]);
  });

  it('refuses sign-ins with the demo password in production, and lets an own password in', async () => {
    const { dir, cleanup } = await makeTempDir('anlaufstelle-accounts-');
    const accountsFile = path.join(dir, 'accounts.json');
    const [demo, own] = shippedAccounts();
    await writeFile(accountsFile, JSON.stringify({ accounts: [demo, { ...own, passwordHash: await hashPassword('ein eigenes Passwort') }] }));
    const app = await makeTestApp({ NODE_ENV: 'production', DIRECT_LINE_SECRET: SECRET, ALLOW_UNAUTHENTICATED_MESSAGES: 'true', STAFF_ACCOUNTS_FILE: accountsFile });
    const server = await listen(app.server);
    const refused = await new StaffClient(server.url).login(demo.username);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatch(/Demo-Passwort/);
    expect((await new StaffClient(server.url).login(own.username, 'ein eigenes Passwort')).status).toBe(200);
    await server.close();
    await app.cleanup();
    await cleanup();
  });

  it('without Bot Framework authentication replies only to allowed service URLs (in production not even to loopback)', async () => {
    const app = await makeTestApp({ NODE_ENV: 'production', DIRECT_LINE_SECRET: SECRET, ALLOW_UNAUTHENTICATED_MESSAGES: 'true', ALLOWED_SERVICE_URLS: 'https://gateway.example.com/bot' });
    const server = await listen(app.server);
    const outside = await postActivity(server.url, messageActivity('hallo', 'u-outside', 'c-outside', { deliveryMode: undefined, serviceUrl: 'http://169.254.169.254/latest/' }));
    expect(outside.status).toBe(400);
    expect(outside.json.error).toMatch(/serviceUrl is not allowed/);
    const loopback = await postActivity(server.url, messageActivity('hallo', 'u-loop', 'c-loop', { deliveryMode: undefined, serviceUrl: 'http://127.0.0.1:9/' }));
    expect(loopback.status).toBe(400);
    // Replies in the response go nowhere else.
    expect((await postActivity(server.url, messageActivity('hallo', 'u-replies', 'c-replies', { serviceUrl: 'http://169.254.169.254/' }))).status).toBe(200);
    // A stored reference to a service URL that is not allowed is not used for proactive messages either.
    await expect(app.adapter.continueConversationAsync('', { serviceUrl: 'http://169.254.169.254/', channelId: 'test', conversation: { id: 'c' } as never }, async () => undefined)).rejects.toThrow(
      /only ALLOWED_SERVICE_URLS/
    );
    await server.close();
    await app.cleanup();
  });
});
