import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { channelServer, type ChannelServer } from '../helpers/channelServer';

const INTRANET = 'https://intranet.example.com';

describe('web chat routes', () => {
  let server: ChannelServer;

  beforeAll(async () => {
    server = await channelServer({
      DIRECT_LINE_SECRET: 'web-chat-routes-secret-0123456789abcdef',
      COMPANY_NAME: 'Müller & Söhne <GmbH>',
      BRAND_COLOR: '#aa3300',
      WEBCHAT_ALLOWED_ORIGINS: `${INTRANET}, https://portal.example.com`
    });
  });
  afterAll(() => server.close());

  it('serves the page with the company name (escaped), the brand colour, the embed snippet and a CSP', async () => {
    const response = await fetch(`${server.url}/`);
    const html = await response.text();
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(response.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(html).toContain('Müller &amp; Söhne &lt;GmbH&gt;');
    expect(html).toContain('--brand: #aa3300');
    expect(html).toContain('<script src="/embed.js" data-target="webchat" data-page-lang="follow" async></script>');
    expect(html).toContain('<html lang="de">');
    expect(html).toContain('<span data-anlaufstelle-text="tagline">Ihr erster Kontakt für Fragen an IT, Personal, Facility Management und Finanzen</span>');
  });

  it('serves embed.js and the settings it reads, with the page\'s texts in both languages', async () => {
    const embed = await fetch(`${server.url}/embed.js`);
    expect(embed.headers.get('content-type')).toMatch(/javascript/);
    expect(await embed.text()).toContain("createDirectLine({");
    expect(await (await fetch(`${server.url}/webchat/config`)).json()).toEqual({
      botName: 'Anlaufstelle',
      companyName: 'Müller & Söhne <GmbH>',
      brandColor: '#aa3300',
      locale: 'de-DE',
      languages: {
        de: { locale: 'de-DE', texts: { tagline: 'Ihr erster Kontakt für Fragen an IT, Personal, Facility Management und Finanzen', userInitials: 'Ich' } },
        en: { locale: 'en-US', texts: { tagline: 'Your first point of contact for questions to IT, HR, Facility Management and Finance', userInitials: 'Me' } }
      }
    });
  });

  it('serves Microsoft Web Chat from node_modules, gzipped and cacheable', async () => {
    const response = await rawGet(`${server.url}/webchat/webchat.js`, { 'accept-encoding': 'gzip' });
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers['cache-control']).toMatch(/max-age/);
    expect(gunzipSync(response.body).toString('utf8')).toContain('renderWebChat');
    const again = await fetch(`${server.url}/webchat/webchat.js`, { headers: { 'if-none-match': String(response.headers.etag) } });
    expect(again.status).toBe(304);
  });

  it('hands out a token for a new conversation, with CORS only for the allowed origins', async () => {
    const allowed = await fetch(`${server.url}/api/token`, { method: 'POST', headers: { origin: INTRANET } });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(INTRANET);
    expect(allowed.headers.get('cache-control')).toBe('no-store');
    const body = (await allowed.json()) as Record<string, unknown>;
    expect(body).toEqual({ token: expect.any(String), conversationId: expect.any(String), userId: expect.stringMatching(/^dl_/), expires_in: 1800 });

    const other = await fetch(`${server.url}/api/token`, { method: 'POST', headers: { origin: 'https://evil.example.com' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${server.url}/api/token`, { method: 'OPTIONS', headers: { origin: INTRANET, 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(INTRANET);
  });

  it('gives two page loads two different conversations and users', async () => {
    const [a, b] = await Promise.all([1, 2].map(async () => (await (await fetch(`${server.url}/api/token`, { method: 'POST' })).json()) as Record<string, string>));
    expect(a.conversationId).not.toBe(b.conversationId);
    expect(a.userId).not.toBe(b.userId);
  });

  it('serves the app icon as favicon', async () => {
    const response = await fetch(`${server.url}/favicon.ico`);
    expect(response.headers.get('content-type')).toBe('image/png');
  });
});

/** A GET whose body is not decompressed (fetch would). */
function rawGet(url: string, headers: Record<string, string>): Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}
