import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FakeConnector } from '../../helpers/fakeConnector';
import { listen } from '../../helpers/httpServer';
import { makeTestApp, type TestApp } from '../../helpers/testApp';
import { markdownWithLists } from '../../../bot/channels/markdownLists';

const TENANT = '8f3c2b1a-5d4e-4c7b-9a6f-1e2d3c4b5a69';

/** A recorded Teams payload, sent to our fake connector and, with `conversation`, to a conversation of its own. */
function fixture(name: string, serviceUrl: string, conversation?: string): any {
  const activity = JSON.parse(readFileSync(path.join(__dirname, '..', 'fixtures', 'teams', `${name}.json`), 'utf8'));
  // With the trailing slash, as Teams sends it (https://smba.trafficmanager.net/emea/).
  activity.serviceUrl = `${serviceUrl}/`;
  if (conversation) activity.conversation.id = `${activity.conversation.id}-${conversation}`;
  return activity;
}

describe('Teams: recorded activities against /api/messages of the real server', () => {
  let app: TestApp;
  let server: { url: string; close: () => Promise<void> };
  const connector = new FakeConnector();
  const send = async (activity: unknown) => {
    const response = await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    expect(response.status).toBeLessThan(300);
  };

  beforeAll(async () => {
    app = await makeTestApp({ TEAMS_ALLOWED_TENANTS: `${TENANT}, 00000000-0000-0000-0000-00000000beef` });
    server = await listen(app.server);
    await connector.start();
  });
  afterAll(async () => {
    await server.close();
    await connector.stop();
    await app.cleanup();
  });
  beforeEach(() => connector.clear());

  it('answers a personal chat message with an Adaptive Card carrying the answer, links and feedback buttons', async () => {
    const activity = fixture('personal-message', connector.url, 'card');
    await send(activity);
    expect(connector.calls[0].body.type).toBe('typing');
    const [reply] = connector.messages();
    expect(connector.calls.at(-1)!.path).toBe(`/v3/conversations/${activity.conversation.id}/activities/${activity.id}`);
    expect(reply.text).toBeUndefined();
    expect(reply.summary).toContain(app.knowledge.entry('it-password-reset', 'de')!.answer);
    const card = reply.attachments[0];
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card.content).toMatchObject({ type: 'AdaptiveCard', version: '1.4' });
    expect(card.content.body[0].text).toBe(markdownWithLists(app.knowledge.entry('it-password-reset', 'de')!.answer));
    expect(JSON.stringify(card.content.body)).toContain('](https://selfservice.example.com/it/passwort)');
    expect(card.content.actions).toEqual([
      { type: 'Action.Submit', title: 'Ja, danke', data: { feedback: 'yes', faqId: 'it-password-reset' } },
      { type: 'Action.Submit', title: 'Nein', data: { feedback: 'no', faqId: 'it-password-reset' } }
    ]);
  });

  it('takes the card submit ("Ja, danke") as feedback on the answer', async () => {
    await send(fixture('personal-message', connector.url, 'submit'));
    connector.clear();
    await send(fixture('card-submit', connector.url, 'submit'));
    expect(connector.messages().map((m) => m.text)).toEqual(['Freut mich, dass ich helfen konnte!']);
  });

  it('strips the @mention from a channel message before recognizing it', async () => {
    const activity = fixture('channel-mention', connector.url);
    await send(activity);
    expect(connector.messages()[0].attachments[0].content.actions[0].data.faqId).toBe('it-password-reset');
    const key = `msteams/conversations/${activity.conversation.id}/`;
    const state = (await app.storage.read([key]))[key];
    expect(state.transcript[0].text).toBe('Ich habe mein Passwort vergessen');
  });

  it('welcomes once when installed in a team, and not when colleagues join the team later', async () => {
    await send(fixture('install-team', connector.url, 'install'));
    expect(connector.messages().map((m) => m.text)).toEqual([expect.stringMatching(/^Hallo, ich bin die Anlaufstelle/)]);
    connector.clear();
    await send(fixture('member-joined-team', connector.url, 'install'));
    expect(connector.calls).toEqual([]);
  });

  it('welcomes once on a personal install: the conversationUpdate, not also the installationUpdate', async () => {
    await send(fixture('installation-update', connector.url, 'personal-install'));
    await send(fixture('install-personal', connector.url, 'personal-install'));
    expect(connector.messages().map((m) => m.text)).toEqual([expect.stringMatching(/^Hallo, ich bin die Anlaufstelle/)]);
  });

  it('refuses politely, and processes nothing, for a tenant outside TEAMS_ALLOWED_TENANTS', async () => {
    const foreign = fixture('personal-message', connector.url, 'foreign');
    foreign.conversation.tenantId = foreign.channelData.tenant.id = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
    await send(foreign);
    expect(connector.calls.map((c) => c.body.type)).toEqual(['message']);
    expect(connector.messages()[0].text).toMatch(/nur Mitarbeiterinnen und Mitarbeitern unseres Unternehmens/);
    const key = `msteams/conversations/${foreign.conversation.id}/`;
    expect(await app.storage.read([key])).toEqual({});
  });

  it('keys the user state by tenant and AAD object id', async () => {
    const english = fixture('personal-message', connector.url, 'english');
    // The client says de-DE; the message is English, so the bot remembers English for this employee.
    english.text = 'I forgot my password';
    await send(english);
    const key = `users/msteams/${TENANT}/${english.from.aadObjectId}/`;
    expect((await app.storage.read([key]))[key]).toMatchObject({ profile: { language: 'en' } });
    expect(connector.messages()[0].attachments[0].content.actions.map((a: { title: string }) => a.title)).toEqual(['Yes, thanks', 'No']);
  });

  it('sends did-you-mean and yes/no buttons as a hero card in team channels, where suggested actions do not show', async () => {
    const activity = fixture('channel-mention', connector.url, 'buttons');
    activity.text = '<at>Anlaufstelle</at> Ich möchte mit einem Menschen sprechen';
    await send(activity);
    const withButtons = connector.messages().find((m) => m.attachments?.some((a: { contentType: string }) => a.contentType === 'application/vnd.microsoft.card.hero'));
    expect(withButtons).toBeDefined();
    expect(withButtons.suggestedActions).toBeUndefined();
    const buttons = withButtons.attachments.at(-1).content.buttons;
    expect(buttons.length).toBeGreaterThan(0);
    expect(buttons[0]).toMatchObject({ type: 'messageBack', displayText: buttons[0].title, text: expect.any(String) });
  });
});
