import { listen, messageActivity, postActivity } from '../helpers/httpServer';
import { StaffClient } from '../helpers/staffClient';
import { makeTestApp, OFFICE_HOURS, type TestApp } from '../helpers/testApp';

/**
 * Knowledge gaps against the real app: questions the bot could not answer, clustered per owning
 * department, and the one-step FAQ entry that the bot answers at once (retraining takes a few seconds).
 */
describe('knowledge gaps API', () => {
  let app: TestApp;
  let server: { url: string; close: () => Promise<void> };
  const signedIn = async (username: string) => {
    const client = new StaffClient(server.url);
    expect((await client.login(username)).status).toBe(200);
    return client;
  };

  beforeAll(async () => {
    app = await makeTestApp();
    server = await listen(app.server);
    // Monday 23 November 2026, the day before the app's clock (OFFICE_HOURS).
    const unanswered = (conversationId: string, hour: number, text: string, department: string, language: 'de' | 'en' = 'de') =>
      app.interactions.record({ kind: 'unanswered', at: new Date(OFFICE_HOURS.getTime() - 24 * 3_600_000 + hour * 3_600_000).toISOString(), conversationId, userId: `user-${conversationId}`, language, text, department });
    await unanswered('c-a', 0, 'Wie bekomme ich Zugang zu Jira?', 'it');
    await unanswered('c-y', 1, 'Jira Zugang beantragen', 'it');
    await unanswered('c-z', 2, 'How do I get access to Jira?', 'it', 'en');
    await unanswered('c-h1', 3, 'Wie beantrage ich ein Jobrad?', 'hr');
    await unanswered('c-h2', 4, 'Jobrad beantragen', 'hr');
  });

  afterAll(async () => {
    await server?.close();
    await app?.cleanup();
  });

  it('lists clusters per owning department', async () => {
    const hr = await signedIn('hr.lead');
    const { body } = await hr.get('/api/staff/knowledge-gaps');
    expect(body.clusters).toHaveLength(1);
    expect(body.clusters[0]).toMatchObject({ department: 'hr', departmentName: 'Personalabteilung (HR)', count: 2, languages: ['de'] });
    expect(body.clusters[0].id).toMatch(/^[0-9a-f]{12}$/);
    expect(body.clusters[0].keys).toBeUndefined();
    const admin = await signedIn('admin');
    const all = (await admin.get('/api/staff/knowledge-gaps')).body.clusters;
    expect(all.map((c: { department: string; count: number }) => [c.department, c.count])).toEqual([
      ['hr', 2],
      ['it', 3]
    ]);
  });

  it('writes the FAQ entry in one step: approved at once, the bot answers it, the gap is gone', async () => {
    const question = 'Wie bekomme ich Zugang zu Jira?';
    const before = await postActivity(server.url, messageActivity(question, 'emp-jira', 'conv-jira-1'));
    expect(before.texts.join(' ')).not.toContain('Jira-Zugang beantragt Ihre Teamleitung');

    const itLead = await signedIn('it.lead');
    const [cluster] = (await itLead.get('/api/staff/knowledge-gaps')).body.clusters;
    expect(cluster.examples.map((e: { text: string }) => e.text)).toEqual(expect.arrayContaining([question, 'How do I get access to Jira?']));
    const body = {
      clusterId: cluster.id,
      de: {
        question,
        answer: 'Den Jira-Zugang beantragt Ihre Teamleitung im Self-Service-Portal unter „Zugänge“; er ist am nächsten Arbeitstag freigeschaltet.',
        alternatives: ['Jira Zugang beantragen', 'Zugriff auf Jira', 'Jira Account bekommen', 'ich kann mich nicht bei Jira anmelden']
      },
      en: {
        question: 'How do I get access to Jira?',
        answer: 'Your team lead requests Jira access in the self-service portal under "Access"; it is active on the next working day.',
        alternatives: ['Jira access', 'need a Jira account', 'request Jira access']
      },
      keywords: ['Jira']
    };
    const hrLead = await signedIn('hr.lead');
    expect((await hrLead.post('/api/staff/knowledge-gaps/faq', body)).status).toBe(403);
    expect((await itLead.post('/api/staff/knowledge-gaps/faq', { ...body, de: { question } })).status).toBe(400);
    expect((await itLead.post('/api/staff/knowledge-gaps/faq', { ...body, clusterId: '0123456789ab' })).status).toBe(404);

    const written = await itLead.post('/api/staff/knowledge-gaps/faq', body);
    expect(written.status).toBe(201);
    expect(written.body.entry.id).toMatch(/^it-staff-/);
    expect(written.body.draft).toMatchObject({ status: 'approved', approvedBy: 'Sabine Wolf', department: 'it', gapClusterId: cluster.id });

    const after = await postActivity(server.url, messageActivity(question, 'emp-jira', 'conv-jira-2'));
    expect(after.texts[0]).toContain('Den Jira-Zugang beantragt Ihre Teamleitung');
    const english = await postActivity(server.url, messageActivity('How can I get Jira access?', 'emp-jira-en', 'conv-jira-3'));
    expect(english.texts[0]).toContain('Your team lead requests Jira access');

    expect((await itLead.get('/api/staff/knowledge-gaps')).body.clusters).toEqual([]);
    expect((await itLead.post('/api/staff/knowledge-gaps/faq', body)).status).toBe(409);
    const drafts = (await itLead.get('/api/staff/faq-drafts')).body.drafts;
    expect(drafts).toEqual([expect.objectContaining({ status: 'approved', entryId: written.body.entry.id, gapClusterId: cluster.id })]);
  });
});
