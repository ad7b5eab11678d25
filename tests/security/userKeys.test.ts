import { listen, postActivity } from '../helpers/httpServer';
import { makeTestApp, type TestApp } from '../helpers/testApp';

const TENANT = '8f3c2b1a-5d4e-4c7b-9a6f-1e2d3c4b5a69';
const OTHER_TENANT = '00000000-0000-0000-0000-00000000beef';
const EMPLOYEE = '6b8e3c0a-4f7d-4a2e-9b1c-2d3e4f5a6b7c';

let sequence = 0;

/** An activity as Teams sends it (replies in the response, so no connector is needed). */
function teams(text: string, aadObjectId: string, tenant = TENANT, conversation = `a:teams-${aadObjectId}-${tenant}`) {
  sequence += 1;
  return {
    type: 'message',
    id: `teams-${sequence}`,
    text,
    locale: 'de-DE',
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:9/unused',
    deliveryMode: 'expectReplies',
    from: { id: `29:${aadObjectId}`, name: 'Erika Mustermann', aadObjectId },
    recipient: { id: '28:anlaufstelle', name: 'Anlaufstelle' },
    conversation: { id: conversation, conversationType: 'personal', tenantId: tenant },
    channelData: { tenant: { id: tenant } }
  };
}

/** The same message on another channel, claiming the employee's AAD object id and id. */
function claimed(text: string, channelId: string, claims: Record<string, string>) {
  sequence += 1;
  return {
    type: 'message',
    id: `claimed-${sequence}`,
    text,
    locale: 'de-DE',
    channelId,
    serviceUrl: 'http://127.0.0.1:9/unused',
    deliveryMode: 'expectReplies',
    from: { name: 'Erika Mustermann', ...claims },
    recipient: { id: 'anlaufstelle', name: 'Anlaufstelle' },
    conversation: { id: `attacker-${channelId}-${sequence}` }
  };
}

describe('user keys: namespaced by channel (and tenant for Teams)', () => {
  let app: TestApp;
  let server: { url: string; close: () => Promise<void> };
  /** What the bot said: texts, and the plain text of Teams answer cards (summary). */
  const say = async (activity: unknown) =>
    (((await postActivity(server.url, activity)).json?.activities ?? []) as Array<{ text?: string; summary?: string }>).map((a) => a.text ?? a.summary ?? '').join('\n');

  beforeAll(async () => {
    app = await makeTestApp();
    server = await listen(app.server);
  });
  afterAll(async () => {
    await server.close();
    await app.cleanup();
  });

  it("never shows a Teams employee's requests to an id claimed on another channel or tenant", async () => {
    await say(teams('Ich möchte mit einem Mitarbeiter sprechen', EMPLOYEE));
    const filed = await say(teams('IT-Service', EMPLOYEE));
    const number = filed.match(/[A-Z]{2,3}-\d+/)![0];
    // (In the conversation of the request the bot now relays to staff; the employee asks in another chat.)
    expect(await say(teams('Wie ist der Stand meiner Anfrage?', EMPLOYEE, TENANT, 'a:group-chat'))).toContain(number);

    const none = /keine offenen Anfragen/;
    expect(await say(claimed('Wie ist der Stand meiner Anfrage?', 'test', { id: 'attacker', aadObjectId: EMPLOYEE }))).toMatch(none);
    expect(await say(claimed('Wie ist der Stand meiner Anfrage?', 'emulator', { id: EMPLOYEE }))).toMatch(none);
    expect(await say(claimed('Wie ist der Stand meiner Anfrage?', 'directline', { id: EMPLOYEE, aadObjectId: EMPLOYEE }))).toMatch(none);
    expect(await say(teams('Wie ist der Stand meiner Anfrage?', EMPLOYEE, OTHER_TENANT))).toMatch(none);
    const request = (await app.requests.listAll()).find((r) => r.number === number)!;
    expect(request.requester.userId).toBe(`msteams/${TENANT}/${EMPLOYEE}`);
  });

  it('keeps what earlier versions stored reachable: the Teams user state under aad/users/<id>/, and requests filed under the bare id in that tenant', async () => {
    const employee = '11111111-2222-3333-4444-555555555555';
    await app.storage.write({ [`aad/users/${employee}/`]: { profile: { language: 'en' }, eTag: '*' } });
    const earlier = (channelId: string, tenant: string | undefined, subject: string) =>
      app.requests.create({
        department: 'it',
        source: 'human',
        language: 'de',
        subject,
        details: {},
        transcript: [],
        requester: {
          userId: employee,
          channelId,
          conversationId: 'a:earlier',
          reference: { channelId, serviceUrl: 'https://smba.trafficmanager.net/emea/', conversation: { id: 'a:earlier', tenantId: tenant } as never }
        }
      });
    const own = await earlier('msteams', TENANT, 'Drucker im 3. Stock');
    // Filed before by someone who claimed the id on another channel, or in another tenant: not this employee's.
    const forged = await earlier('test', undefined, 'Gefälscht');
    const otherTenant = await earlier('msteams', OTHER_TENANT, 'Anderer Mandant');

    // The remembered language came along: a one-word message keeps it, the answer is English.
    expect(await say(teams('VPN', employee))).toContain(app.knowledge.entry('it-vpn', 'en')!.answer.slice(0, 30));
    const key = `users/msteams/${TENANT}/${employee}/`;
    expect((await app.storage.read([key]))[key]).toMatchObject({ profile: { language: 'en' } });
    const status = await say(teams('What is the status of my request?', employee));
    expect(status).toContain(own.number);
    expect(status).not.toContain(forged.number);
    expect(status).not.toContain(otherTenant.number);
  });
});
