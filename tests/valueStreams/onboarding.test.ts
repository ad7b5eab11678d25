import { FakeConnector } from '../helpers/fakeConnector';
import { listen, messageActivity, postActivity } from '../helpers/httpServer';
import { StaffClient } from '../helpers/staffClient';
import { makeTestApp, type TestApp } from '../helpers/testApp';

/**
 * Onboarding from the chat: one request for the employee, a task in HR's, IT's and Facility's
 * queues (IT and Facility wait for HR), progress notifications, status from the chat, and the
 * duplicate check when the same onboarding is asked for again.
 */
describe('value stream: onboarding a new hire across three departments', () => {
  let app: TestApp;
  let server: { url: string; close: () => Promise<void> };
  let connector: FakeConnector;
  const conversation = 'lead-conversation';
  const say = (text: string) => postActivity(server.url, messageActivity(text, 'team-lead', conversation, { serviceUrl: connector.url }));

  beforeAll(async () => {
    connector = await new FakeConnector().start();
    app = await makeTestApp();
    server = await listen(app.server);
  });
  afterAll(async () => {
    await server.close();
    await app.cleanup();
    await connector.stop();
  });

  const staff = async (username: string) => {
    const client = new StaffClient(server.url);
    await client.login(username);
    return client;
  };
  const taskOf = async (client: StaffClient) => (await client.get('/api/staff/requests')).body.requests.find((r: { type?: string }) => r.type === 'onboarding');

  it('runs from the chat through HR, IT and Facility to completion', async () => {
    expect((await say('Ich möchte einen neuen Mitarbeiter anmelden')).texts).toEqual([
      'Gern, ich nehme „Onboarding einer neuen Kollegin / eines neuen Kollegen“ für Sie auf. Beteiligt sind: Personalabteilung (HR), IT-Service, Facility Management. Dazu brauche ich ein paar Angaben.',
      'Wie heißt die neue Person (Vor- und Nachname)?'
    ]);
    expect((await say('Max Muster')).texts).toEqual(['Wann ist der erste Arbeitstag? (z. B. 01.12.2026)']);
    expect((await say('irgendwann')).texts).toEqual(['Das habe ich nicht als Datum erkannt. Bitte z. B. so: 01.12.2026']);
    expect((await say('1.12.')).texts).toEqual(['In welchem Team beginnt sie oder er?']);
    expect((await say('Vertrieb Süd')).texts[0]).toBe('Welche IT-Ausstattung wird gebraucht?');
    const summary = (await say('Standard-Laptop')).texts[0];
    expect(summary).toContain('- Name: Max Muster');
    expect(summary).toContain('- Erster Arbeitstag: 1. Dezember 2026');
    expect(summary).toContain('- Ausstattung: Standard-Laptop');
    const opened = (await say('ja')).texts[0];
    expect(opened).toMatch(/^Ihr Auftrag ONB-1001 ist angelegt\./);
    expect(opened).toContain('- Vertragsdaten und Personalakte anlegen (Personalabteilung (HR)): offen');
    expect(opened).toContain('- Laptop bestellen und Konten anlegen (IT-Service): wartet auf vorherige Schritte');

    // HR sees its task at once; IT's task waits for HR.
    const hr = await staff('hr.agent');
    const it = await staff('it.agent');
    const facility = await staff('facility.agent');
    const hrTask = await taskOf(hr);
    expect(hrTask).toMatchObject({ status: 'open', department: 'hr', details: { name: 'Max Muster', startDate: '2026-12-01', team: 'Vertrieb Süd' } });
    expect((await taskOf(it)).status).toBe('waiting');

    // HR needs more information: the employee is asked in the chat and answers there.
    await hr.post(`/api/staff/requests/${hrTask.id}/messages`, { text: 'Befristet oder unbefristet?' });
    await connector.waitFor(() => connector.texts(conversation).includes('Miriam Schulz (Personalabteilung (HR)): Befristet oder unbefristet?'));
    await app.notifier.idle();
    expect((await say('Unbefristet')).texts).toEqual([]);
    expect((await hr.get(`/api/staff/requests/${hrTask.id}`)).body.request.transcript.at(-1)).toMatchObject({ from: 'user', text: 'Unbefristet' });

    // HR done: IT and Facility open in parallel, and the employee hears the progress.
    await hr.post(`/api/staff/requests/${hrTask.id}/resolve`, { note: 'Vertrag angelegt' });
    await connector.waitFor(() => connector.texts(conversation).some((t) => t.startsWith('Fortschritt bei ONB-1001: „Vertragsdaten und Personalakte anlegen“')));
    await app.notifier.idle();
    await app.cases.idle();
    expect(connector.texts(conversation)).toContain(
      'Fortschritt bei ONB-1001: „Vertragsdaten und Personalakte anlegen“ (Personalabteilung (HR)) ist erledigt. 1 von 3 Schritten sind abgeschlossen.'
    );
    const itTask = await taskOf(it);
    const facilityTask = await taskOf(facility);
    expect([itTask.status, facilityTask.status]).toEqual(['open', 'open']);

    // Status from the chat: one request with the progress of each part and who is on it.
    await it.post(`/api/staff/requests/${itTask.id}/claim`);
    await app.notifier.idle();
    const status = (await say('Wie ist der Stand meines Antrags?')).texts[0];
    expect(status).toContain('ONB-1001 Onboarding einer neuen Kollegin / eines neuen Kollegen (Max Muster) – 1 von 3 Schritten erledigt:');
    expect(status).toContain('- Vertragsdaten und Personalakte anlegen (Personalabteilung (HR)): erledigt');
    expect(status).toContain('- Laptop bestellen und Konten anlegen (IT-Service): in Bearbeitung – Jonas Becker');
    expect(status).toContain('- Arbeitsplatz und Ausweis vorbereiten (Facility Management): offen');

    // Asking for the same onboarding again is caught.
    await say('Ich möchte einen neuen Mitarbeiter anmelden');
    await say('Max Muster');
    await say('01.12.2026');
    await say('Vertrieb Süd');
    await say('Standard-Laptop');
    expect((await say('ja')).texts[0]).toBe(
      'Sie haben bereits die offene Anfrage ONB-1001 („Onboarding einer neuen Kollegin / eines neuen Kollegen (Max Muster)“). Geht es um dieselbe Sache?'
    );
    expect((await say('ja')).texts[0]).toMatch(/^Gut, dann bleibt es bei ONB-1001\./);

    // IT and Facility finish: the whole request is complete.
    await it.post(`/api/staff/requests/${itTask.id}/resolve`, { note: 'Laptop bestellt' });
    await facility.post(`/api/staff/requests/${facilityTask.id}/resolve`, { note: 'Platz 3.14, Ausweis liegt am Empfang' });
    await connector.waitFor(() => connector.texts(conversation).includes('ONB-1001 ist abgeschlossen: Alle Schritte für „Onboarding einer neuen Kollegin / eines neuen Kollegen (Max Muster)“ sind erledigt.'));
    expect((await app.requests.listAll()).filter((r) => r.caseId).map((r) => r.status)).toEqual(['resolved', 'resolved', 'resolved']);
  });

  it('EN: offboarding is started in English and fans out to four departments', async () => {
    const en = (text: string) => postActivity(server.url, messageActivity(text, 'en-lead', 'en-lead-conversation', { serviceUrl: connector.url }));
    expect((await en('an employee is leaving, please start offboarding')).texts[0]).toContain('Involved: Human Resources, IT Service, Facility Management, Finance');
    await en('Jane Doe');
    await en('2026-12-31');
    await en('Marketing');
    const opened = (await en('yes')).texts[0];
    expect(opened).toMatch(/^Your request OFF-\d+ has been created\./);
    const tasks = (await app.requests.listAll()).filter((r) => r.type === 'offboarding').sort((a, b) => Number(a.number.split('-')[1]) - Number(b.number.split('-')[1]));
    expect(tasks.map((r) => [r.department, r.status])).toEqual([
      ['hr', 'open'],
      ['it', 'waiting'],
      ['facility', 'waiting'],
      ['finance', 'waiting']
    ]);
  });
});
