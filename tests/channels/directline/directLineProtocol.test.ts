import { TurnContext, type ConversationReference } from 'botbuilder';
import { ConnectionStatus } from 'botframework-directlinejs';
import { channelServer, type ChannelServer } from '../helpers/channelServer';
import { directLineClient, post, Received } from '../helpers/directLineClient';

const SECRET = 'protocol-test-secret-0123456789abcdef';

/** The JSON body of a response (fetch types it as unknown). */
const body = (response: Response): Promise<any> => response.json();

/** A token for a new conversation, the way the page gets one. */
async function pageToken(url: string): Promise<{ token: string; conversationId: string; userId: string }> {
  return body(await fetch(`${url}/api/token`, { method: 'POST' }));
}

// The bot behind the endpoint is the echo bot of channelServer; the real bot over Direct Line is in
// the browser test (web chat uses the same client library).
describe('Direct Line 3.0 endpoint driven by botframework-directlinejs', () => {
  let server: ChannelServer;

  beforeAll(async () => {
    server = await channelServer({ DIRECT_LINE_SECRET: SECRET });
  });
  afterAll(() => server.close());

  it('polls: the welcome on start, the reply with its buttons, and a suggested action round trip', async () => {
    const { token } = await pageToken(server.url);
    const client = directLineClient(server.url, { token, webSocket: false, conversationStartProperties: { locale: 'de-DE' } });
    const received = new Received(client);
    try {
      await received.waitFor(() => received.botTexts().includes('Willkommen!'));
      const id = await post(client, { type: 'message', text: 'Ich habe mein Passwort vergessen', locale: 'de-DE' });
      expect(id).toMatch(/\|0000002$/);
      await received.waitFor(() => received.botTexts().includes('echo: Ich habe mein Passwort vergessen'));
      const reply = received.activities.find((a) => a.type === 'message' && (a as { replyToId?: string }).replyToId === id) as { suggestedActions?: { actions: Array<{ title: string }> } };
      expect(reply.suggestedActions?.actions.map((a) => a.title)).toEqual(['Ja, danke', 'Nein']);
      // The echo of the employee's message carries the id the server gave and the token's user.
      expect(received.activities.find((a) => a.id === id)!.from).toMatchObject({ role: 'user', id: expect.stringMatching(/^dl_/) });

      await post(client, { type: 'message', text: 'Ja, danke' });
      await received.waitFor(() => received.botTexts().includes('echo: Ja, danke'));
      expect(client.connectionStatus$.getValue()).toBe(ConnectionStatus.Online);
    } finally {
      received.stop();
      client.end();
    }
  });

  it('streams over the WebSocket: echo, typing indicator and reply, a later proactive message, and resumes from a watermark', async () => {
    const { token, conversationId } = await pageToken(server.url);
    const client = directLineClient(server.url, { token, webSocket: true });
    const received = new Received(client);
    let reference: Partial<ConversationReference> | undefined;
    server.channels.directLine.adapter.use({
      onTurn: async (context, next) => {
        if (context.activity.conversation.id === conversationId) reference = TurnContext.getConversationReference(context.activity);
        await next();
      }
    });
    try {
      await received.waitFor((all) => all.length >= 1);
      await post(client, { type: 'message', text: 'Hallo', channelData: { clientActivityID: 'client-1' } });
      await received.waitFor(() => received.botTexts().includes('echo: Hallo'));
      expect(received.activities.map((a) => `${a.type}:${a.from.role}`)).toEqual(['message:bot', 'message:user', 'typing:bot', 'message:bot']);
      expect(received.activities[1].channelData).toEqual({ clientActivityID: 'client-1' });

      // A later proactive message (e.g. a staff reply) through the main adapter reaches the open stream.
      expect(reference?.serviceUrl).toBe(`${server.url}/directline/connector/`);
      await server.adapter.continueConversationAsync('', reference!, async (context) => {
        await context.sendActivity('Nachricht vom IT-Service: Ihr Konto ist entsperrt.');
      });
      await received.waitFor(() => received.botTexts().includes('Nachricht vom IT-Service: Ihr Konto ist entsperrt.'));
    } finally {
      received.stop();
      client.end();
    }

    // Reconnecting with token, conversation id and watermark delivers only what came after it:
    // 1 welcome, 2 "Hallo", 3 reply, 4 proactive message.
    const resumed = directLineClient(server.url, { token, conversationId, watermark: '2', webSocket: true });
    const later = new Received(resumed);
    try {
      await later.waitFor((all) => all.length >= 2);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(later.botTexts()).toEqual(['echo: Hallo', 'Nachricht vom IT-Service: Ihr Konto ist entsperrt.']);
    } finally {
      later.stop();
      resumed.end();
    }
  });

  it('starts a conversation with the secret, as a site backend would, and keeps its history', async () => {
    const generated = await fetch(`${server.url}/v3/directline/tokens/generate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' },
      body: JSON.stringify({ user: { id: 'dl_backend-user' } })
    });
    expect(generated.status).toBe(200);
    const { token, conversationId, expires_in } = await body(generated);
    expect(expires_in).toBe(1800);
    const client = directLineClient(server.url, { token, webSocket: false });
    const received = new Received(client);
    try {
      await post(client, { type: 'message', text: 'I forgot my password' });
      await received.waitFor(() => received.botTexts().includes('echo: I forgot my password'));
      expect(received.activities.find((a) => a.from.role === 'user')?.from.id).toBe('dl_backend-user');
    } finally {
      received.stop();
      client.end();
    }
    const history = await body(await fetch(`${server.url}/v3/directline/conversations/${conversationId}/activities?watermark=1`, { headers: { authorization: `Bearer ${token}` } }));
    expect(history.activities[0]).toMatchObject({ id: `${conversationId}|0000002`, text: 'I forgot my password' });
    expect(history.watermark).toBe('3');
  });
});

describe('Direct Line with Bot Framework credentials configured', () => {
  it('needs no Azure AD token: replies and proactive messages go to the in-process connector', async () => {
    const server = await channelServer({ DIRECT_LINE_SECRET: SECRET, MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-used' });
    try {
      const { token, conversationId } = await pageToken(server.url);
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      const posted = await fetch(`${server.url}/v3/directline/conversations/${conversationId}/activities`, { method: 'POST', headers, body: JSON.stringify({ type: 'message', text: 'Hallo' }) });
      expect(posted.status).toBe(200);
      const reference = { channelId: 'directline', serviceUrl: `${server.url}/directline/connector/`, conversation: { id: conversationId } as never, bot: { id: 'bot', name: 'Anlaufstelle' } };
      await server.adapter.continueConversationAsync(server.config.MicrosoftAppId!, reference, async (context) => {
        await context.sendActivity('Proaktiv');
      });
      const { activities } = await body(await fetch(`${server.url}/v3/directline/conversations/${conversationId}/activities`, { headers }));
      expect(activities.filter((a: { from: { role: string } }) => a.from.role === 'bot').map((a: { text: string }) => a.text)).toEqual(['Willkommen!', 'echo: Hallo', 'Proaktiv']);
    } finally {
      await server.close();
    }
  });
});
