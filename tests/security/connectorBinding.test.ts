import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ownConversationOf } from '../../bot/channels/directline/directLineAdapter';
import { channelServer, type ChannelServer } from '../channels/helpers/channelServer';

/** A server that records the Authorization header of every call, posing as a connector on another origin. */
async function recordingServer(): Promise<{ url: string; authorizations: Array<string | undefined>; close: () => Promise<void> }> {
  const authorizations: Array<string | undefined> = [];
  const server = http.createServer((req, res) => {
    authorizations.push(req.headers.authorization);
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"id":"x"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    authorizations,
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  };
}

describe('the in-process connector cannot be abused', () => {
  let server: ChannelServer;
  const conversation = async () => (await (await fetch(`${server.url}/api/token`, { method: 'POST' })).json()) as { token: string; conversationId: string };

  beforeAll(async () => (server = await channelServer()));
  afterAll(() => server.close());

  it('gives a serviceUrl that only looks like ours (another origin, same path) no connector token', async () => {
    const impostor = await recordingServer();
    const reference = { channelId: 'directline', serviceUrl: `${impostor.url}/directline/connector/`, conversation: { id: 'victim' } as never, bot: { id: 'anlaufstelle', name: 'Anlaufstelle' } };
    await server.adapter.continueConversationAsync('', reference, async (context) => {
      await context.sendActivity('Bitte bestätigen Sie Ihr Passwort unter https://phish.example.com');
    });
    expect(impostor.authorizations).toHaveLength(1);
    expect(impostor.authorizations[0]).toBeUndefined();
    await impostor.close();
  });

  it('binds a connector token to one conversation: it cannot post into another', async () => {
    const mine = await conversation();
    const theirs = await conversation();
    for (const c of [mine, theirs]) {
      await fetch(`${server.url}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${c.token}` } });
    }
    const token = server.channels.directLine.tokens.issueConnectorToken(mine.conversationId);
    const post = (conversationId: string) =>
      fetch(`${server.url}/directline/connector/v3/conversations/${conversationId}/activities`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: 'von der Bot-Seite' })
      });
    expect((await post(mine.conversationId)).status).toBe(200);
    expect((await post(theirs.conversationId)).status).toBe(403);
  });

  it('puts connector tokens only on calls to its own connector, compared by origin and path', () => {
    const own = 'https://bot.example.com/directline/connector/';
    expect(ownConversationOf('https://bot.example.com/directline/connector/v3/conversations/abc%7C1/activities/x', own)).toBe('abc|1');
    expect(ownConversationOf('https://evil.example.com/directline/connector/v3/conversations/abc/activities', own)).toBeUndefined();
    expect(ownConversationOf('https://bot.example.com.evil.example/directline/connector/v3/conversations/abc/activities', own)).toBeUndefined();
    expect(ownConversationOf('http://bot.example.com/directline/connector/v3/conversations/abc/activities', own)).toBeUndefined();
    expect(ownConversationOf('https://bot.example.com/other/directline/connector/v3/conversations/abc/activities', own)).toBeUndefined();
    expect(ownConversationOf('https://bot.example.com/directline/connector/v3/conversations/%E0%A4%A/activities', own)).toBeUndefined();
  });
});
