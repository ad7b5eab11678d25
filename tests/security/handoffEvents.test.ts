import { listen, messageActivity, postActivity } from '../helpers/httpServer';
import { makeTestApp, type TestApp } from '../helpers/testApp';

const SECRET = 'handoff-events-secret-0123456789abcdef';

describe('handoff events only from an agent hub; names from the verified identity', () => {
  let app: TestApp;
  let server: { url: string; close: () => Promise<void> };

  /** A web chat conversation over the Direct Line endpoint with a token from `tokens/generate`. */
  const webChat = async (user?: { id: string; name: string }) => {
    const generated = await fetch(`${server.url}/v3/directline/tokens/generate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' },
      body: JSON.stringify(user ? { user } : {})
    });
    const { token, conversationId } = (await generated.json()) as { token: string; conversationId: string };
    const post = async (activity: Record<string, unknown>) => {
      const response = await fetch(`${server.url}/v3/directline/conversations/${conversationId}/activities`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ locale: 'de-DE', ...activity })
      });
      expect(response.status).toBe(200);
    };
    return { conversationId, post };
  };
  const requestIn = async (conversationId: string) => (await app.requests.listAll()).find((r) => r.requester.conversationId === conversationId)!;

  beforeAll(async () => {
    app = await makeTestApp({ DIRECT_LINE_SECRET: SECRET, AGENT_HUB_CHANNELS: 'agenthub' });
    server = await listen(app.server);
  });
  afterAll(async () => {
    await server.close();
    await app.cleanup();
  });

  it('ignores handoff.status a web chat user posts: the request is neither claimed nor closed under a made-up name', async () => {
    const { conversationId, post } = await webChat();
    await post({ type: 'message', text: 'Ich möchte mit einem Mitarbeiter sprechen', from: { id: 'x', name: 'Chef' } });
    await post({ type: 'message', text: 'IT-Service' });
    await post({ type: 'event', name: 'handoff.status', value: { state: 'accepted' }, from: { name: 'Support-Team' } });
    await post({ type: 'event', name: 'handoff.status', value: { state: 'completed', message: 'erledigt' } });
    const request = await requestIn(conversationId);
    expect(request.status).toBe('open');
    expect(request.assignee).toBeUndefined();
    expect(request.history.map((event) => event.type)).toEqual(['created']);
  });

  it('ignores handoff.status from a channel that is not configured as an agent hub, and takes it from one that is', async () => {
    const talk = (channelId: string, conversation: string, extra: Record<string, unknown>) =>
      postActivity(server.url, messageActivity('', `hub-user-${conversation}`, conversation, { channelId, ...extra }));
    for (const [channelId, conversation] of [['test', 'not-a-hub'], ['agenthub', 'a-hub']]) {
      await talk(channelId, conversation, { text: 'Ich möchte mit einem Mitarbeiter sprechen' });
      await talk(channelId, conversation, { text: 'IT-Service' });
      await talk(channelId, conversation, { type: 'event', name: 'handoff.status', value: { state: 'accepted' }, from: { id: 'hub', name: 'Omnichannel' } });
    }
    expect((await requestIn('not-a-hub')).status).toBe('open');
    expect((await requestIn('a-hub')).status).toBe('in_progress');
    expect((await requestIn('a-hub')).assignee).toEqual({ username: 'agent-hub', name: 'Omnichannel' });
  });

  it("names the web chat employee by the token's user, never by the name the client sends", async () => {
    const named = await webChat({ id: 'erika.muster', name: 'Erika Muster' });
    await named.post({ type: 'message', text: 'Ich möchte mit einem Mitarbeiter sprechen', from: { id: 'x', name: 'Geschäftsführung' } });
    await named.post({ type: 'message', text: 'IT-Service', from: { name: 'Geschäftsführung' } });
    expect((await requestIn(named.conversationId)).requester).toMatchObject({ name: 'Erika Muster', userId: 'webchat/erika.muster' });

    const anonymous = await webChat();
    await anonymous.post({ type: 'message', text: 'Ich möchte mit einem Mitarbeiter sprechen', from: { name: 'Geschäftsführung' } });
    await anonymous.post({ type: 'message', text: 'IT-Service', from: { name: 'Geschäftsführung' } });
    expect((await requestIn(anonymous.conversationId)).requester.name).toBeUndefined();
  });
});
