import WebSocket from 'ws';
import { DirectLineTokens } from '../../../bot/channels/directline/tokens';
import { channelServer, type ChannelServer } from '../helpers/channelServer';
import { systemClock } from '../../../bot/clock';

const SECRET = 'auth-test-secret-0123456789abcdefghij';

/** The JSON body of a response (fetch types it as unknown). */
const body = (response: Response): Promise<any> => response.json();

describe('Direct Line endpoint: who may do what', () => {
  let server: ChannelServer;
  const call = (path: string, init: RequestInit & { token?: string } = {}) =>
    fetch(`${server.url}${path}`, {
      method: init.method ?? 'GET',
      headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
      body: init.body
    });
  const message = JSON.stringify({ type: 'message', text: 'hallo' });
  /** A started conversation and its token. */
  const conversation = async () => {
    const { token, conversationId } = await body(await call('/api/token', { method: 'POST', body: '{}' }));
    expect((await call('/v3/directline/conversations', { method: 'POST', token, body: '{}' })).status).toBe(201);
    return { token, conversationId };
  };

  beforeAll(async () => {
    server = await channelServer({ DIRECT_LINE_SECRET: SECRET });
  });
  afterAll(() => server.close());

  it('refuses a missing or malformed token with 401', async () => {
    const { conversationId } = await conversation();
    const missing = await call(`/v3/directline/conversations/${conversationId}/activities`, { method: 'POST', body: message });
    expect(missing.status).toBe(401);
    expect((await body(missing)).error.code).toBe('Unauthorized');
    expect((await call('/v3/directline/conversations', { method: 'POST', token: 'not-a-token', body: '{}' })).status).toBe(401);
    expect((await call(`/v3/directline/conversations/${conversationId}/activities`, { token: 'a.b.c' })).status).toBe(401);
  });

  it('refuses a token signed with another secret with 401', async () => {
    const { conversationId } = await conversation();
    const forged = new DirectLineTokens('some-other-secret-0123456789abcdefgh', 1800, systemClock).issue({ conversationId, userId: 'dl_forged' }).token;
    expect((await call(`/v3/directline/conversations/${conversationId}/activities`, { method: 'POST', token: forged, body: message })).status).toBe(401);
  });

  it('refuses a foreign token with 403: a token only reads and writes its own conversation', async () => {
    const mine = await conversation();
    const theirs = await conversation();
    const foreign = { token: theirs.token };
    expect((await call(`/v3/directline/conversations/${mine.conversationId}/activities`, { ...foreign, method: 'POST', body: message })).status).toBe(403);
    expect((await call(`/v3/directline/conversations/${mine.conversationId}/activities`, foreign)).status).toBe(403);
    expect((await call(`/v3/directline/conversations/${mine.conversationId}?watermark=`, foreign)).status).toBe(403);
    // …while the own token works.
    expect((await call(`/v3/directline/conversations/${mine.conversationId}/activities`, { token: mine.token, method: 'POST', body: message })).status).toBe(200);
  });

  it('refuses an expired token with 403, also for refreshing', async () => {
    const { conversationId } = await conversation();
    const anHourAgo = Date.now() - 3600_000;
    const expired = new DirectLineTokens(SECRET, 1800, () => new Date(anHourAgo)).issue({ conversationId, userId: 'dl_someone' }).token;
    const response = await call(`/v3/directline/conversations/${conversationId}/activities`, { method: 'POST', token: expired, body: message });
    expect(response.status).toBe(403);
    expect((await body(response)).error.code).toBe('TokenExpired');
    expect((await call('/v3/directline/tokens/refresh', { method: 'POST', token: expired })).status).toBe(403);
  });

  it('generates tokens only for the secret, and refreshes only tokens', async () => {
    const wrong = await call('/v3/directline/tokens/generate', { method: 'POST', token: 'wrong-secret-0123456789abcdefghijkl', body: '{}' });
    expect(wrong.status).toBe(401);
    const { token } = await conversation();
    expect((await call('/v3/directline/tokens/generate', { method: 'POST', token, body: '{}' })).status).toBe(401);
    expect((await call('/v3/directline/tokens/generate', { method: 'POST', body: '{}' })).status).toBe(401);
    const generated = await call('/v3/directline/tokens/generate', { method: 'POST', token: SECRET, body: '{}' });
    expect(generated.status).toBe(200);
    expect((await call('/v3/directline/tokens/refresh', { method: 'POST', token: SECRET })).status).toBe(400);
    const refreshed = await body(await call('/v3/directline/tokens/refresh', { method: 'POST', token: (await body(generated)).token }));
    expect(refreshed).toMatchObject({ token: expect.any(String), expires_in: 1800 });
  });

  it('does not let the secret holder post to a conversation that does not exist', async () => {
    expect((await call('/v3/directline/conversations/nope/activities', { method: 'POST', token: SECRET, body: message })).status).toBe(404);
  });

  it('opens a stream only with the stream token of that conversation', async () => {
    const mine = await conversation();
    const theirs = await conversation();
    const { streamUrl } = await body(await call(`/v3/directline/conversations/${theirs.conversationId}`, { token: theirs.token }));
    const foreignUrl = streamUrl.replace(encodeURIComponent(theirs.conversationId), encodeURIComponent(mine.conversationId));
    expect(await upgradeStatus(foreignUrl)).toBe(403);
    expect(await upgradeStatus(streamUrl.replace(/&t=.*/, ''))).toBe(401);
    expect(await upgradeStatus(streamUrl)).toBe(101);
  });

  it('accepts activities at the connector only from our own bot', async () => {
    const { token, conversationId } = await conversation();
    const path = `/directline/connector/v3/conversations/${conversationId}/activities`;
    const body = JSON.stringify({ type: 'message', text: 'I am the bot, honestly' });
    expect((await call(path, { method: 'POST', body })).status).toBe(401);
    expect((await call(path, { method: 'POST', token, body })).status).toBe(401);
    const connectorToken = server.channels.directLine.tokens.issueConnectorToken(conversationId);
    expect((await call(path, { method: 'POST', token: connectorToken, body })).status).toBe(200);
  });

  it('answers CORS preflights, so that pages on other origins can use their token', async () => {
    const response = await fetch(`${server.url}/v3/directline/conversations`, { method: 'OPTIONS', headers: { origin: 'https://intranet.example.com' } });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-headers')).toMatch(/authorization/);
  });
});

/** The HTTP status a WebSocket upgrade request gets: 101 when the stream opens. */
function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.on('open', () => {
      socket.close();
      resolve(101);
    });
    socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.on('error', (error) => (error.message.includes('Unexpected server response') ? undefined : reject(error)));
  });
}
