import { FakeConnector } from '../helpers/fakeConnector';
import { listen, messageActivity, postActivity } from '../helpers/httpServer';
import { StaffClient } from '../helpers/staffClient';
import { makeTempDir } from '../helpers/tempDir';
import { makeTestApp, type TestApp } from '../helpers/testApp';

/**
 * The whole way of a request, over HTTP: the employee asks for a person, staff claim and answer in
 * the console API, the answers reach the employee as proactive messages through a fake Bot
 * Connector, also after a restart of the bot, and the bot takes over again with two questions.
 */
describe('handoff: employee → department queue → staff → employee', () => {
  const conversation = 'employee-conversation';
  const user = 'employee-aad-1';
  let connector: FakeConnector;
  let dataDir: { dir: string; cleanup: () => Promise<void> };
  let app: TestApp;
  let server: { url: string; close: () => Promise<void> };

  const say = (text: string) => postActivity(server.url, messageActivity(text, user, conversation, { serviceUrl: connector.url, channelId: 'webchat' }));
  const start = async () => {
    app = await makeTestApp({}, dataDir.dir);
    server = await listen(app.server);
  };
  const stop = async () => {
    await server.close();
    await app.close();
  };

  beforeAll(async () => {
    connector = await new FakeConnector().start();
    dataDir = await makeTempDir('anlaufstelle-handoff-');
    await start();
  });
  afterAll(async () => {
    await stop();
    await connector.stop();
    await dataDir.cleanup();
  });

  it('runs from the employee to staff and back, across a restart of the bot', async () => {
    // Employee: asks for a person in IT and confirms.
    expect((await say('Ich möchte mit jemandem aus der IT sprechen')).texts.join(' ')).toContain('Soll Ihre Anfrage an IT-Service gehen?');
    const opened = await say('ja');
    expect(opened.texts[0]).toMatch(/Ihre Anfragenummer ist IT-1001\. Sie sind Nr\. 1 in der Warteschlange/);
    expect(opened.json.activities.map((a: { type: string; name?: string }) => a.name ?? a.type)).toEqual(['message', 'handoff.initiate']);

    // Staff: the request is in the IT queue with the transcript of what the bot tried.
    const staff = new StaffClient(server.url);
    expect((await staff.login('it.agent')).status).toBe(200);
    const queue = (await staff.get('/api/staff/requests')).body.requests;
    expect(queue).toHaveLength(1);
    const id = queue[0].id;
    expect(queue[0]).toMatchObject({ number: 'IT-1001', status: 'open', queuePosition: 1, source: 'human' });
    expect(queue[0].transcript.map((l: { from: string }) => l.from)).toEqual(['user', 'bot', 'bot', 'user']);

    // Claiming tells the employee who is on it.
    await staff.post(`/api/staff/requests/${id}/claim`);
    await connector.waitFor(() => connector.texts(conversation).some((t) => t.includes('Jonas Becker (IT-Service) kümmert sich jetzt um Ihre Anfrage IT-1001.')));

    // While staff handle it, the bot stays quiet and relays the employee's messages.
    await app.notifier.idle();
    const relayed = await say('Mein Passwort funktioniert seit heute nicht mehr');
    expect(relayed.texts).toEqual([]);
    expect((await staff.get(`/api/staff/requests/${id}`)).body.request.transcript.at(-1)).toMatchObject({ from: 'user', text: 'Mein Passwort funktioniert seit heute nicht mehr' });

    // A staff answer arrives as a proactive message.
    await staff.post(`/api/staff/requests/${id}/messages`, { text: 'Ich setze Ihr Passwort gleich zurück.' });
    await connector.waitFor(() => connector.texts(conversation).includes('Jonas Becker (IT-Service): Ich setze Ihr Passwort gleich zurück.'));

    // Restart: a new process on the same data still reaches the employee and keeps relaying.
    await stop();
    await start();
    const again = new StaffClient(server.url);
    await again.login('it.agent');
    await again.post(`/api/staff/requests/${id}/messages`, { text: 'Erledigt – bitte melden Sie sich neu an.' });
    await connector.waitFor(() => connector.texts(conversation).includes('Jonas Becker (IT-Service): Erledigt – bitte melden Sie sich neu an.'));
    await app.notifier.idle();
    expect((await say('Klappt, danke!')).texts).toEqual([]);

    // Resolving hands the conversation back to the bot, which asks its two questions.
    await again.post(`/api/staff/requests/${id}/resolve`, { note: 'Passwort zurückgesetzt' });
    await connector.waitFor(() => connector.texts(conversation).some((t) => t.includes('Wurde Ihr Anliegen gelöst?')));
    expect(connector.texts(conversation)).toContain('IT-Service hat Ihre Anfrage IT-1001 als erledigt markiert. Hinweis: Passwort zurückgesetzt Ab jetzt bin ich wieder für Sie da.');
    // The survey prompt is on the wire before the proactive turn has saved its state.
    await app.notifier.idle();
    expect((await say('ja')).texts[0]).toContain('Wie zufrieden sind Sie');
    expect((await say('5')).texts[0]).toContain('Danke für Ihre Rückmeldung');

    const done = (await again.get(`/api/staff/requests/${id}`)).body.request;
    expect(done).toMatchObject({ status: 'resolved', feedback: { solved: true, rating: 5 } });
    expect(done.history.map((e: { type: string }) => e.type)).toEqual(['created', 'claimed', 'message', 'message', 'resolved', 'rated', 'rated']);
    expect(done.firstResponseAt).toBeDefined();

    // And the bot answers questions again.
    expect((await say('Wie beantrage ich Urlaub?')).texts[0]).toContain(app.knowledge.entry('hr-vacation-request', 'de')!.answer);
  });

  it('lets the employee withdraw a waiting request with "abbrechen"', async () => {
    const other = 'withdrawing-conversation';
    const sayOther = (text: string) => postActivity(server.url, messageActivity(text, 'employee-2', other, { serviceUrl: connector.url }));
    await sayOther('Ich möchte mit einem Mitarbeiter sprechen');
    expect((await sayOther('Finanzbuchhaltung')).texts[0]).toMatch(/FIN-\d+/);
    expect((await sayOther('abbrechen')).texts[0]).toMatch(/Möchten Sie Ihre Anfrage FIN-\d+ zurückziehen\?/);
    expect((await sayOther('ja')).texts[0]).toMatch(/Ich habe Ihre Anfrage FIN-\d+ zurückgezogen/);
    const [request] = await app.requests.listByDepartment('finance');
    expect(request.status).toBe('cancelled');
  });
});
