import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { FakeConnector } from '../helpers/fakeConnector';
import { listen, messageActivity, postActivity } from '../helpers/httpServer';
import { StaffClient } from '../helpers/staffClient';
import { makeTestApp, type TestApp } from '../helpers/testApp';

describe('staff API: what staff see and may do', () => {
  let app: TestApp;
  let server: { url: string; close: () => Promise<void> };
  const connector = new FakeConnector();

  /** An employee asks for a person in IT: one request, its id. */
  const openRequest = async (user: string) => {
    // Staff actions notify the employee: at a connector that answers.
    const talk = (text: string) => postActivity(server.url, messageActivity(text, user, `conv-${user}`, { serviceUrl: connector.url }));
    await talk('Ich möchte mit einem Mitarbeiter sprechen');
    const { texts } = await talk('IT-Service');
    const number = texts[0].match(/IT-\d+/)![0];
    return (await app.requests.listAll()).find((r) => r.number === number)!.id;
  };

  beforeAll(async () => {
    await connector.start();
    app = await makeTestApp();
    server = await listen(app.server);
  });
  afterAll(async () => {
    await server.close();
    await app.cleanup();
    await connector.stop();
  });

  it('answers every staff API call with Cache-Control: no-store, signed in or not', async () => {
    const staff = new StaffClient(server.url);
    const login = await fetch(`${server.url}/api/staff/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'it.lead', password: 'anlaufstelle-demo' }) });
    expect(login.headers.get('cache-control')).toBe('no-store');
    await staff.login('it.lead');
    for (const route of ['/api/staff/me', '/api/staff/requests', '/api/staff/faq-drafts', '/api/staff/dashboard', '/api/staff/unknown']) {
      const signedIn = await fetch(`${server.url}${route}`, { headers: { cookie: staff.sessionCookie } });
      const anonymous = await fetch(`${server.url}${route}`);
      expect([route, signedIn.headers.get('cache-control'), anonymous.headers.get('cache-control')]).toEqual([route, 'no-store', 'no-store']);
    }
  });

  it('keeps session ids out of the storage: only their hashes are stored', async () => {
    const staff = new StaffClient(server.url);
    await staff.login('it.agent');
    const id = staff.sessionCookie.split('=')[1];
    const folder = path.join(app.dataDir, 'state');
    // Delayed state writes reach the files first.
    await (app.storage as unknown as { flush(): Promise<void> }).flush();
    const files = (await readdir(folder, { recursive: true })).map(String).filter((f) => f.endsWith('.json'));
    const contents = await Promise.all(files.map((f) => readFile(path.join(folder, f), 'utf8')));
    expect(contents.some((text) => text.includes('"expiresAt"'))).toBe(true);
    expect(contents.some((text) => text.includes(id)) || files.some((f) => f.includes(id))).toBe(false);
    expect((await staff.get('/api/staff/me')).status).toBe(200);
  });

  it('streams requests without the stored conversation reference, as the REST API shows them', async () => {
    const it = new StaffClient(server.url);
    await it.login('it.agent');
    const controller = new AbortController();
    const response = await fetch(`${server.url}/api/staff/events`, { headers: { cookie: it.sessionCookie }, signal: controller.signal });
    expect(response.headers.get('cache-control')).toBe('no-store');
    const reader = response.body!.getReader();
    let received = '';
    const reading = (async () => {
      while (!received.includes('"type":"created"')) {
        const { value, done } = await reader.read();
        if (done) return;
        received += new TextDecoder().decode(value);
      }
    })();
    await openRequest('sse-reference');
    await reading;
    controller.abort();
    const event = JSON.parse(received.split('\n\n').find((chunk) => chunk.startsWith('event: request'))!.split('data: ')[1]);
    expect(event.request.requester).toEqual({ userId: 'directline/sse-reference', name: 'Test Employee', channelId: 'directline', conversationId: 'conv-sse-reference' });
    expect(received).not.toContain('serviceUrl');
  });

  it('lets only the assignee or a lead act on a claimed request; others of the department may read it', async () => {
    const id = await openRequest('claimed-by-lead');
    const lead = new StaffClient(server.url);
    await lead.login('it.lead');
    const agent = new StaffClient(server.url);
    await agent.login('it.agent');
    expect((await lead.post(`/api/staff/requests/${id}/claim`)).status).toBe(200);
    expect((await agent.get(`/api/staff/requests/${id}`)).status).toBe(200);
    for (const [action, body] of [['resolve', { note: 'erledigt' }], ['handback', {}], ['transfer', { department: 'hr', note: '' }], ['messages', { text: 'Hallo' }]] as const) {
      const refused = await agent.post(`/api/staff/requests/${id}/${action}`, body);
      expect([action, refused.status]).toEqual([action, 403]);
    }
    expect((await agent.post(`/api/staff/requests/${id}/claim`)).status).toBe(409);

    const other = await openRequest('claimed-by-agent');
    expect((await agent.post(`/api/staff/requests/${other}/claim`)).status).toBe(200);
    expect((await lead.post(`/api/staff/requests/${other}/resolve`, { note: 'vom Teamleiter erledigt' })).status).toBe(200);
  });
});
