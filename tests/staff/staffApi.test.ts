import { FakeConnector } from '../helpers/fakeConnector';
import { listen, messageActivity, postActivity } from '../helpers/httpServer';
import { StaffClient } from '../helpers/staffClient';
import { makeTestApp, type TestApp } from '../helpers/testApp';

describe('staff API', () => {
  let app: TestApp;
  let server: { url: string; close: () => Promise<void> };
  let connector: FakeConnector;
  let itRequestId: string;

  /** An employee asks for a person and picks the department: one request in that queue. */
  const openRequest = async (user: string, department: string) => {
    const talk = (text: string) => postActivity(server.url, messageActivity(text, user, `conv-${user}`, { serviceUrl: connector.url }));
    await talk('Ich möchte mit einem Mitarbeiter sprechen');
    const { texts } = await talk(department);
    return texts[0].match(/[A-Z]{2,3}-\d+/)![0];
  };

  beforeAll(async () => {
    connector = await new FakeConnector().start();
    app = await makeTestApp();
    server = await listen(app.server);
    await openRequest('emp-it', 'IT-Service');
    itRequestId = (await app.requests.listByDepartment('it'))[0].id;
  });
  afterAll(async () => {
    await server.close();
    await app.cleanup();
    await connector.stop();
  });

  it.each([
    ['get', '/api/staff/me'],
    ['get', '/api/staff/requests'],
    ['get', '/api/staff/requests/some-id'],
    ['post', '/api/staff/requests/some-id/claim'],
    ['post', '/api/staff/requests/some-id/messages'],
    ['get', '/api/staff/events'],
    ['get', '/api/staff/faq-drafts'],
    ['post', '/api/staff/faq-drafts']
  ])('answers %s %s with 401 without a session', async (method, path) => {
    const client = new StaffClient(server.url);
    const { status } = method === 'get' ? await client.get(path) : await client.post(path, {});
    expect(status).toBe(401);
  });

  it('refuses a forged session cookie', async () => {
    const response = await fetch(`${server.url}/api/staff/me`, { headers: { cookie: 'anl_staff=' + 'A'.repeat(43) } });
    expect(response.status).toBe(401);
  });

  it('signs in with an HttpOnly, SameSite=Strict session cookie and tells who is signed in', async () => {
    const response = await fetch(`${server.url}/api/staff/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'it.agent', password: 'anlaufstelle-demo' })
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toMatch(/^anl_staff=[A-Za-z0-9_-]{43}; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Strict$/);
    const staff = new StaffClient(server.url);
    await staff.login('it.agent');
    const me = await staff.get('/api/staff/me');
    expect(me.body.user).toEqual({ username: 'it.agent', name: 'Jonas Becker', department: 'it', role: 'agent' });
    expect(me.body.departments.map((d: { id: string }) => d.id)).toEqual(['it', 'hr', 'facility', 'finance']);
  });

  it('answers a wrong password with 401 and, after five failures, makes the next attempt wait instead of locking the account', async () => {
    const client = new StaffClient(server.url);
    for (let attempt = 1; attempt <= 4; attempt++) expect((await client.login('facility.lead', 'wrong')).status).toBe(401);
    const fifth = await client.login('facility.lead', 'wrong');
    expect(fifth.status).toBe(401);
    expect(fifth.body.retryAfterSeconds).toBe(1);
    // The clock stands still: the wait has not passed, so even the right password waits.
    const waiting = await client.login('facility.lead');
    expect(waiting.status).toBe(429);
    expect(waiting.body.retryAfterSeconds).toBe(1);
    // Other accounts are not affected.
    expect((await client.login('facility.agent')).status).toBe(200);
  });

  it('does not reveal whether an account exists', async () => {
    const unknown = await new StaffClient(server.url).login('nobody.here', 'whatever');
    const wrong = await new StaffClient(server.url).login('hr.agent', 'whatever');
    expect([unknown.status, unknown.body.error]).toEqual([wrong.status, wrong.body.error]);
  });

  it('refuses POST bodies that are not JSON with 415', async () => {
    const staff = new StaffClient(server.url);
    await staff.login('it.agent');
    const response = await fetch(`${server.url}/api/staff/requests/${itRequestId}/claim`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', cookie: staff.sessionCookie },
      body: 'claim'
    });
    expect(response.status).toBe(415);
  });

  it('shows staff only their own department: 403 for another department, 404 for unknown ids', async () => {
    const hr = new StaffClient(server.url);
    await hr.login('hr.agent');
    expect((await hr.get('/api/staff/requests')).body.requests.map((r: { department: string }) => r.department)).not.toContain('it');
    expect((await hr.get(`/api/staff/requests/${itRequestId}`)).status).toBe(403);
    expect((await hr.post(`/api/staff/requests/${itRequestId}/claim`)).status).toBe(403);
    expect((await hr.post(`/api/staff/requests/${itRequestId}/messages`, { text: 'hi' })).status).toBe(403);
    expect((await hr.get('/api/staff/requests/00000000-0000-0000-0000-000000000000')).status).toBe(404);
    const it = new StaffClient(server.url);
    await it.login('it.agent');
    const request = (await it.get(`/api/staff/requests/${itRequestId}`)).body.request;
    expect(request.number).toMatch(/^IT-/);
    expect(request.requester.reference).toBeUndefined();
  });

  it('lets only one staff member claim a request (409 for the second)', async () => {
    const number = await openRequest('emp-claim', 'Finanzbuchhaltung');
    const id = (await app.requests.listByDepartment('finance')).find((r) => r.number === number)!.id;
    const first = new StaffClient(server.url);
    await first.login('finance.agent');
    const second = new StaffClient(server.url);
    await second.login('finance.lead');
    expect((await first.post(`/api/staff/requests/${id}/claim`)).status).toBe(200);
    expect((await second.post(`/api/staff/requests/${id}/claim`)).status).toBe(409);
    expect((await second.post(`/api/staff/requests/${id}/messages`, { text: 'Ich übernehme' })).status).toBe(409);
  });

  it('transfers a request with a note: it leaves one queue and arrives unclaimed in the other', async () => {
    const number = await openRequest('emp-transfer', 'IT-Service');
    const id = (await app.requests.listByDepartment('it')).find((r) => r.number === number)!.id;
    const it = new StaffClient(server.url);
    await it.login('it.agent');
    await it.post(`/api/staff/requests/${id}/claim`);
    const moved = await it.post(`/api/staff/requests/${id}/transfer`, { department: 'hr', note: 'Gehaltsfrage, bitte HR' });
    expect(moved.body.request).toMatchObject({ department: 'hr', status: 'open' });
    expect(moved.body.request.assignee).toBeUndefined();
    expect(moved.body.request.history.at(-1)).toMatchObject({ type: 'transferred', from: 'it', to: 'hr', note: 'Gehaltsfrage, bitte HR' });
    expect((await it.get(`/api/staff/requests/${id}`)).status).toBe(403);
    const hr = new StaffClient(server.url);
    await hr.login('hr.agent');
    expect((await hr.get('/api/staff/requests')).body.requests.map((r: { id: string }) => r.id)).toContain(id);
    await app.notifier.idle();
    expect(connector.texts('conv-emp-transfer')).toContain(`Ihre Anfrage ${number} wurde an Personalabteilung (HR) weitergegeben.`);
  });

  it('streams queue changes of the own department as server-sent events', async () => {
    const hr = new StaffClient(server.url);
    await hr.login('hr.agent');
    const controller = new AbortController();
    const response = await fetch(`${server.url}/api/staff/events`, { headers: { cookie: hr.sessionCookie }, signal: controller.signal });
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = response.body!.getReader();
    let received = '';
    const reading = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        received += new TextDecoder().decode(value);
        if (received.includes('"type":"created"')) return;
      }
    })();
    await openRequest('emp-sse-it', 'IT-Service');
    const number = await openRequest('emp-sse-hr', 'Personalabteilung (HR)');
    await reading;
    controller.abort();
    const events = received.split('\n\n').filter((chunk) => chunk.startsWith('event: request'));
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0].split('data: ')[1])).toMatchObject({ type: 'created', request: { number, department: 'hr' } });
  });

  it('turns a good answer into a FAQ entry: agents draft, leads approve, and the bot answers it at once', async () => {
    const question = 'Wo kann ich im Haus mein E-Bike laden?';
    const before = await postActivity(server.url, messageActivity(question, 'emp-faq', 'conv-faq-1'));
    expect(before.texts.join(' ')).not.toContain('Ladesäulen für E-Bikes');

    const agent = new StaffClient(server.url);
    await agent.login('facility.agent');
    const incomplete = await agent.post('/api/staff/faq-drafts', { de: { question, answer: 'kurz' } });
    expect(incomplete.status).toBe(400);
    const created = await agent.post('/api/staff/faq-drafts', {
      de: {
        question,
        answer: 'Ladesäulen für E-Bikes finden Sie in der Fahrradgarage im Untergeschoss, Stellplätze 1 bis 8. Das Laden ist kostenlos.',
        alternatives: ['e-bike laden', 'wo kann ich mein elektrofahrrad aufladen', 'steckdose für e-bike', 'ladestation pedelec']
      },
      en: {
        question: 'Where can I charge my e-bike at the office?',
        answer: 'E-bike chargers are in the bicycle garage in the basement, spaces 1 to 8. Charging is free.',
        alternatives: ['charge e-bike', 'where can i charge my electric bike', 'e-bike charging station', 'pedelec charger']
      },
      keywords: ['E-Bike', 'Pedelec', 'laden']
    });
    expect(created.status).toBe(201);
    expect((await agent.post(`/api/staff/faq-drafts/${created.body.draft.id}/approve`)).status).toBe(403);
    const otherLead = new StaffClient(server.url);
    await otherLead.login('finance.lead');
    expect((await otherLead.post(`/api/staff/faq-drafts/${created.body.draft.id}/approve`)).status).toBe(403);

    const lead = new StaffClient(server.url);
    await lead.login('it.lead');
    const facilityLead = new StaffClient(server.url);
    expect((await facilityLead.login('facility.agent')).status).toBe(200);
    const approver = new StaffClient(server.url);
    await approver.login('admin');
    const approved = await approver.post(`/api/staff/faq-drafts/${created.body.draft.id}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body.entry.de.department).toBe('facility');

    const after = await postActivity(server.url, messageActivity(question, 'emp-faq', 'conv-faq-2'));
    expect(after.texts[0]).toContain('Ladesäulen für E-Bikes finden Sie in der Fahrradgarage');
    const english = await postActivity(server.url, messageActivity('Where can I charge my e-bike?', 'emp-faq-en', 'conv-faq-3'));
    expect(english.texts[0]).toContain('E-bike chargers are in the bicycle garage');
    expect((await agent.get('/api/staff/faq-drafts')).body.drafts[0]).toMatchObject({ status: 'approved', approvedBy: 'Service-Admin' });

    // The approved entry survives a restart.
    const restarted = await makeTestApp({}, app.dataDir);
    expect(restarted.knowledge.entry(approved.body.entry.id, 'de')?.question).toBe(question);
    await restarted.close();
  });
});
