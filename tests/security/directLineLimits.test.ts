import http from 'node:http';
import WebSocket from 'ws';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { channelServer, type ChannelServer } from '../channels/helpers/channelServer';
import { listen } from '../helpers/httpServer';
import { makeTestApp, type TestApp } from '../helpers/testApp';

type Json = any;

/** A request with exactly these headers and bytes (fetch adds Content-Length and a content type of its own). */
function raw(base: string, method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; body: Json }> {
  return new Promise((resolve, reject) => {
    const request = http.request(new URL(path, base), { method, headers }, (response) => {
      let text = '';
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text ? JSON.parse(text) : undefined }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

async function folderBytes(folder: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(folder, { recursive: true })) {
    const info = await stat(path.join(folder, String(entry)));
    if (info.isFile()) total += info.size;
  }
  return total;
}

describe('Direct Line as documented: POST /v3/directline/conversations', () => {
  let server: ChannelServer;
  beforeAll(async () => (server = await channelServer()));
  afterAll(() => server.close());

  const token = async () => ((await (await fetch(`${server.url}/api/token`, { method: 'POST' })).json()) as { token: string }).token;

  it('starts a conversation with a token and no body at all (no Content-Length, no content type)', async () => {
    const response = await raw(server.url, 'POST', '/v3/directline/conversations', { authorization: `Bearer ${await token()}` });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ conversationId: expect.any(String), token: expect.any(String), streamUrl: expect.stringMatching(/^ws:/) });
  });

  it('checks credentials before the media type: a wrong token gets 401 whatever the body, a right one 415 for a body that is not JSON', async () => {
    const textBody = { 'content-type': 'text/plain', 'content-length': '5' };
    expect((await raw(server.url, 'POST', '/v3/directline/conversations', { ...textBody, authorization: 'Bearer wrong' }, 'hallo')).status).toBe(401);
    expect((await raw(server.url, 'POST', '/v3/directline/conversations', textBody, 'hallo')).status).toBe(401);
    expect((await raw(server.url, 'POST', '/v3/directline/conversations', { ...textBody, authorization: `Bearer ${await token()}` }, 'hallo')).status).toBe(415);
  });
});

describe('Direct Line: no exhaustion by an anonymous web chat user', () => {
  let app: TestApp;
  let server: { url: string; close: () => Promise<void> };
  beforeAll(async () => {
    app = await makeTestApp({ DIRECT_LINE_POSTS_PER_MINUTE_PER_CONVERSATION: '1000', DIRECT_LINE_POSTS_PER_MINUTE_PER_ADDRESS: '1000' });
    server = await listen(app.server);
  });
  afterAll(async () => {
    await server.close();
    await app.cleanup();
  });

  it('cuts text beyond MAX_MESSAGE_LENGTH before storing it: 220 posts of 250 KB leave a small conversation, and the bot says the message is too long', async () => {
    const { token, conversationId } = (await (await fetch(`${server.url}/api/token`, { method: 'POST' })).json()) as { token: string; conversationId: string };
    const base = `${server.url}/v3/directline/conversations/${conversationId}/activities`;
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const huge = JSON.stringify({ type: 'message', text: 'Drucker '.repeat(32_000), locale: 'de-DE' });
    for (let i = 0; i < 220; i++) expect((await fetch(base, { method: 'POST', headers, body: huge })).status).toBe(200);
    const { activities } = (await (await fetch(`${base}?watermark=`, { headers })).json()) as { activities: Array<{ text?: string; from: { role: string } }> };
    const echoes = activities.filter((a) => a.from.role === 'user');
    expect(Math.max(...echoes.map((a) => a.text!.length))).toBeLessThanOrEqual(app.config.MAX_MESSAGE_LENGTH + 1);
    expect(activities.filter((a) => a.from.role === 'bot').at(-1)?.text).toMatch(/zu lang/);
    // 220 posts of 2,000 characters, and the bot's replies: well under the 55 MB that were stored before.
    expect(await folderBytes(path.join(app.dataDir, 'directline'))).toBeLessThan(3_000_000);
  });

  it('reads a long conversation a page at a time, by polling and on the stream, and loses nothing', async () => {
    const { token, conversationId } = (await (await fetch(`${server.url}/api/token`, { method: 'POST' })).json()) as { token: string; conversationId: string };
    const base = `${server.url}/v3/directline/conversations/${conversationId}`;
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    // 100 messages of 15 KB each (the most an activity may carry besides its text): 1.5 MB in all.
    for (let i = 0; i < 100; i++) {
      const body = JSON.stringify({ type: 'message', text: `Drucker ${i}`, locale: 'de-DE', channelData: { padding: 'x'.repeat(15_000) } });
      expect((await fetch(`${base}/activities`, { method: 'POST', headers, body })).status).toBe(200);
    }
    type Page = { activities: Array<{ id: string; text?: string }>; watermark: string };
    const pages: Page[] = [];
    let watermark = '';
    do {
      pages.push((await (await fetch(`${base}/activities?watermark=${watermark}`, { headers })).json()) as Page);
      watermark = pages.at(-1)!.watermark;
    } while (pages.at(-1)!.activities.length > 0);
    expect(pages.length).toBeGreaterThan(2);
    expect(pages.every((page) => JSON.stringify(page).length < 1.2 * 1024 * 1024)).toBe(true);
    const polled = pages.flatMap((page) => page.activities.map((a) => a.id));
    expect(pages.flatMap((page) => page.activities.map((a) => a.text)).filter((text) => text?.startsWith('Drucker '))).toHaveLength(100);

    const { streamUrl } = (await (await fetch(base, { headers })).json()) as { streamUrl: string };
    const streamed: string[] = [];
    const socket = new WebSocket(streamUrl);
    await new Promise<void>((resolve, reject) => {
      socket.on('message', (data) => {
        for (const activity of (JSON.parse(String(data)) as Page).activities) streamed.push(activity.id);
        if (streamed.length >= polled.length) resolve();
      });
      socket.on('error', reject);
    });
    socket.close();
    expect(streamed).toEqual(polled);
  });

  it('refuses an activity that carries more than 16 KB besides its text with 413, and a field of the wrong type with 400', async () => {
    const { token, conversationId } = (await (await fetch(`${server.url}/api/token`, { method: 'POST' })).json()) as { token: string; conversationId: string };
    const post = (body: unknown) =>
      fetch(`${server.url}/v3/directline/conversations/${conversationId}/activities`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body)
      });
    expect((await post({ type: 'message', text: 'hallo', channelData: { padding: 'x'.repeat(200_000) } })).status).toBe(413);
    expect((await post({ type: 'message', text: 'hallo', value: 'x'.repeat(20_000) })).status).toBe(413);
    expect((await post({ type: 'message', text: 'hallo', locale: 42 })).status).toBe(400);
    expect((await post({ type: 'message', text: 'Ich habe mein Passwort vergessen' })).status).toBe(200);
  });
});

describe('Direct Line rate limits: per token and per client address, generous bursts, X-Forwarded-For only from trusted proxies', () => {
  const start = async (url: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${url}/api/token`, { method: 'POST', headers });
    return { status: response.status, retryAfter: response.headers.get('retry-after'), ...((await response.json()) as { token: string; conversationId: string }) };
  };
  const post = (url: string, { token, conversationId }: { token: string; conversationId: string }, headers: Record<string, string> = {}) =>
    fetch(`${url}/v3/directline/conversations/${conversationId}/activities`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ type: 'message', text: 'hallo' })
    });

  it('lets a conversation post a burst, then answers 429 with Retry-After, while other conversations behind the same address go on', async () => {
    const server = await channelServer({ DIRECT_LINE_POSTS_PER_MINUTE_PER_CONVERSATION: '10', DIRECT_LINE_POSTS_PER_MINUTE_PER_ADDRESS: '100' });
    const mine = await start(server.url);
    const statuses = [];
    for (let i = 0; i < 12; i++) statuses.push((await post(server.url, mine)).status);
    expect(statuses).toEqual([...Array(10).fill(200), 429, 429]);
    const limited = await post(server.url, mine);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('TooManyRequests');
    // A refreshed token is the same conversation: no way around the limit.
    const refreshed = (await (await fetch(`${server.url}/v3/directline/tokens/refresh`, { method: 'POST', headers: { authorization: `Bearer ${mine.token}` } })).json()) as { token: string };
    expect((await post(server.url, { ...mine, token: refreshed.token })).status).toBe(429);
    // A colleague behind the same NAT address is not slowed down by it.
    expect((await post(server.url, await start(server.url))).status).toBe(200);
    await server.close();
  });

  it('limits what one client address posts and starts in all, and ignores X-Forwarded-For from a client that is not a trusted proxy', async () => {
    const server = await channelServer({ DIRECT_LINE_POSTS_PER_MINUTE_PER_ADDRESS: '15', DIRECT_LINE_STARTS_PER_MINUTE_PER_ADDRESS: '5' });
    const conversations = [];
    // Changing X-Forwarded-For does not make a new client of a direct caller.
    for (let i = 0; i < 5; i++) conversations.push(await start(server.url, { 'x-forwarded-for': `203.0.113.${i}` }));
    expect(conversations.every((c) => c.status === 200)).toBe(true);
    const sixth = await start(server.url, { 'x-forwarded-for': '203.0.113.99' });
    expect(sixth.status).toBe(429);
    expect(sixth.retryAfter).toMatch(/^\d+$/);
    const statuses = [];
    for (let i = 0; i < 16; i++) statuses.push((await post(server.url, conversations[i % 5], { 'x-forwarded-for': `198.51.100.${i}` })).status);
    expect(statuses).toEqual([...Array(15).fill(200), 429]);
    await server.close();
  });

  it('tells the clients behind a trusted proxy apart by X-Forwarded-For', async () => {
    const server = await channelServer({ DIRECT_LINE_STARTS_PER_MINUTE_PER_ADDRESS: '2', TRUSTED_PROXIES: '127.0.0.1, ::1' });
    const from = (client: string) => ({ 'x-forwarded-for': `${client}, 127.0.0.1` });
    expect((await start(server.url, from('192.0.2.1'))).status).toBe(200);
    expect((await start(server.url, from('192.0.2.1'))).status).toBe(200);
    expect((await start(server.url, from('192.0.2.1'))).status).toBe(429);
    expect((await start(server.url, from('192.0.2.2'))).status).toBe(200);
    await server.close();
  });
});
