import { ConfigError, loadConfig } from '../../bot/config/config';
import { channelServer } from './helpers/channelServer';

describe('channel configuration', () => {
  const secret = 'x'.repeat(32);

  it('refuses to start in production without DIRECT_LINE_SECRET', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/DIRECT_LINE_SECRET: is required in production/);
    expect(loadConfig({ NODE_ENV: 'production', DIRECT_LINE_SECRET: secret, ALLOW_UNAUTHENTICATED_MESSAGES: 'true' }).DIRECT_LINE_SECRET).toBe(secret);
    expect(() => loadConfig({ DIRECT_LINE_SECRET: 'short' })).toThrow(/DIRECT_LINE_SECRET: must be at least 32 characters/);
  });

  it('reads comma-separated tenant and origin lists', () => {
    const config = loadConfig({ TEAMS_ALLOWED_TENANTS: ' a-tenant , b-tenant,', WEBCHAT_ALLOWED_ORIGINS: 'https://intranet.example.com' });
    expect(config.TEAMS_ALLOWED_TENANTS).toEqual(['a-tenant', 'b-tenant']);
    expect(config.WEBCHAT_ALLOWED_ORIGINS).toEqual(['https://intranet.example.com']);
    expect(loadConfig({}).TEAMS_ALLOWED_TENANTS).toEqual([]);
  });

  it('takes empty values, as in a copied .env.example, for the defaults', () => {
    expect(loadConfig({ BOT_NAME: '', COMPANY_NAME: ' ', BRAND_COLOR: '', DIRECT_LINE_TOKEN_TTL_SECONDS: '' })).toMatchObject({
      BOT_NAME: 'Anlaufstelle',
      COMPANY_NAME: 'Musterfirma GmbH',
      BRAND_COLOR: '#0b5cab',
      DIRECT_LINE_TOKEN_TTL_SECONDS: 1800
    });
  });

  it('names bad branding and Teams values', () => {
    expect(() => loadConfig({ BRAND_COLOR: 'blue' })).toThrow(/BRAND_COLOR: must be a hex colour/);
    expect(() => loadConfig({ TEAMS_PRIVACY_URL: 'http://intranet.example.com/privacy' })).toThrow(/TEAMS_PRIVACY_URL: must be a URL starting with https:\/\//);
    expect(() => loadConfig({ TEAMS_APP_ID: 'my-app' })).toThrow(/TEAMS_APP_ID: must be a GUID/);
  });

  it('runs outside production with a Direct Line secret generated for the process', async () => {
    const server = await channelServer({ NODE_ENV: 'development' });
    try {
      expect(server.channels.directLine.secret.length).toBeGreaterThanOrEqual(32);
      expect((await fetch(`${server.url}/api/token`, { method: 'POST' })).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
