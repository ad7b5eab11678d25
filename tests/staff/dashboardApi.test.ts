import path from 'node:path';
import pino from 'pino';
import { register as globalRegistry } from 'prom-client';
import restify from 'restify';
import { KnowledgeBase } from '../../bot/content/knowledgeBase';
import { loadContent } from '../../bot/content/loadContent';
import { createMetricsRegistry, registerMetricsRoute } from '../../bot/metrics/prometheus';
import { ServiceMetrics } from '../../bot/metrics/serviceMetrics';
import type { RequestStore } from '../../bot/requests/serviceRequest';
import { listen } from '../helpers/httpServer';
import { StaffClient } from '../helpers/staffClient';
import { makeTestApp, type TestApp } from '../helpers/testApp';
import { berlin } from '../metrics/fixtures';

/**
 * The dashboard API, the CSV export and /metrics against the real app (knowledge gaps:
 * dashboardGaps.test.ts). The
 * fixture is built through the app's own HandoffService and interaction log with a movable clock;
 * the expected figures are worked out by hand in the comments.
 *
 * IT (Mon–Fri 07:00–18:00): A Mon 23 09:00, answered 09:20 (20), resolved 10:00 (60);
 *                           B Fri 20 17:50, answered Mon 23 08:10 (10 + 70 = 80), resolved 09:00 (130).
 * HR (Mon 08:00–17:00):     C Mon 23 10:00, answered 11:00 (60), still in progress.
 * IT questions: one answered (deflected), one out of scope (escalated) → deflection 0.5.
 * Now: Tuesday 24 November 2026, 15:00 in Berlin; default range 26 October – 24 November.
 */
const TOKEN = 'metrics-token-for-the-tests';

describe('dashboard API, CSV and /metrics', () => {
  let app: TestApp;
  let server: { url: string; close: () => Promise<void> };
  let clock = new Date(berlin('2026-11-20 17:00'));
  const at = async <T>(wall: string, action: () => Promise<T>): Promise<T> => {
    clock = new Date(berlin(wall));
    return action();
  };
  const staff = { username: 'it.agent', name: 'Jonas Becker' };
  const openRequest = (department: string, conversationId: string, wall: string) =>
    at(wall, () =>
      app.handoff.open({ department, source: 'human', language: 'de', requester: { userId: `user-${conversationId}`, channelId: 'test', conversationId }, subject: 'Test', details: {}, transcript: [] })
    );
  const signedIn = async (username: string) => {
    const client = new StaffClient(server.url);
    expect((await client.login(username)).status).toBe(200);
    return client;
  };
  const raw = (path: string, client?: StaffClient, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, { headers: { ...(client ? { cookie: client.sessionCookie } : {}), ...headers } });

  beforeAll(async () => {
    app = await makeTestApp({ METRICS_TOKEN: TOKEN }, undefined, () => clock);
    server = await listen(app.server);

    const b = (await openRequest('it', 'c-b', '2026-11-20 17:50')).request;
    await at('2026-11-23 08:10', () => app.handoff.staffMessage(b.id, staff, 'Ich schaue es mir an.'));
    await at('2026-11-23 09:00', () => app.handoff.resolve(b.id, staff, 'Erledigt.'));
    await at('2026-11-23 09:05', () => app.handoff.rate(b.id, { solved: false, rating: 3 }));
    const a = (await openRequest('it', 'c-a', '2026-11-23 09:00')).request;
    await at('2026-11-23 09:20', () => app.handoff.staffMessage(a.id, staff, 'Ist erledigt.'));
    await at('2026-11-23 10:00', () => app.handoff.resolve(a.id, staff, 'Erledigt.'));
    await at('2026-11-23 10:05', () => app.handoff.rate(a.id, { solved: true, rating: 5 }));
    const c = (await openRequest('hr', 'c-c', '2026-11-23 10:00')).request;
    await at('2026-11-23 11:00', () => app.handoff.staffMessage(c.id, { username: 'hr.agent', name: 'Miriam Schulz' }, 'Ich melde mich.'));

    const base = (conversationId: string, wall: string) => ({ at: berlin(wall), conversationId, userId: `user-${conversationId}` });
    await app.interactions.record({ kind: 'question', ...base('c-x', '2026-11-23 08:00'), language: 'de', text: 'VPN geht nicht', decision: 'answer', topId: 'it-vpn', topKind: 'faq', department: 'it' });
    await app.interactions.record({ kind: 'question', ...base('c-a', '2026-11-23 08:58'), language: 'de', text: 'Wie bekomme ich Zugang zu Jira?', decision: 'out_of_scope', department: 'it' });
    await app.interactions.record({ kind: 'unanswered', ...base('c-a', '2026-11-23 08:58'), language: 'de', text: 'Wie bekomme ich Zugang zu Jira?', department: 'it' });
    await app.interactions.record({ kind: 'unanswered', ...base('c-y', '2026-11-23 12:00'), language: 'de', text: 'Jira Zugang beantragen', department: 'it' });
    await app.interactions.record({ kind: 'unanswered', ...base('c-z', '2026-11-23 13:00'), language: 'en', text: 'How do I get access to Jira?', department: 'it' });
    await app.interactions.record({ kind: 'unanswered', ...base('c-h1', '2026-11-23 14:00'), language: 'de', text: 'Wie beantrage ich ein Jobrad?', department: 'hr' });
    await app.interactions.record({ kind: 'unanswered', ...base('c-h2', '2026-11-23 15:00'), language: 'de', text: 'Jobrad beantragen', department: 'hr' });
    clock = new Date(berlin('2026-11-24 15:00'));
  });

  afterAll(async () => {
    await server?.close();
    await app?.cleanup();
  });

  describe('access', () => {
    it.each([
      ['GET', '/api/staff/dashboard'],
      ['GET', '/api/staff/dashboard.csv'],
      ['GET', '/api/staff/knowledge-gaps'],
      ['POST', '/api/staff/knowledge-gaps/faq']
    ])('answers %s %s with 401 without a session and 403 for an agent', async (method, path) => {
      const anonymous = new StaffClient(server.url);
      const agent = await signedIn('it.agent');
      const call = (client: StaffClient) => (method === 'GET' ? client.get(path) : client.post(path, {}));
      expect((await call(anonymous)).status).toBe(401);
      const refused = await call(agent);
      expect(refused.status).toBe(403);
      expect(refused.body.error).toMatch(/Teamleitungen/);
    });

    it('gives a lead only their own department', async () => {
      const lead = await signedIn('hr.lead');
      expect((await lead.get('/api/staff/dashboard?department=it')).status).toBe(403);
      expect((await lead.get('/api/staff/dashboard.csv?department=it')).status).toBe(403);
      expect((await lead.get('/api/staff/knowledge-gaps?department=it')).status).toBe(403);
      const own = await lead.get('/api/staff/dashboard');
      expect(own.status).toBe(200);
      expect(own.body.department).toBe('hr');
      expect(own.body.departments).toEqual([{ id: 'hr', name: 'Personalabteilung (HR)' }]);
      expect(own.body.comparison).toEqual([]);
    });

    it('lets an admin see all departments or pick one, and refuses unknown departments and bad dates', async () => {
      const admin = await signedIn('admin');
      const all = await admin.get('/api/staff/dashboard');
      expect(all.body.department).toBe('all');
      expect(all.body.departments.map((d: { id: string }) => d.id)).toEqual(['all', 'it', 'hr', 'facility', 'finance']);
      expect(all.body.comparison.map((c: { department: string }) => c.department)).toEqual(['it', 'hr', 'facility', 'finance']);
      expect((await admin.get('/api/staff/dashboard?department=hr')).body.figures.department).toBe('hr');
      expect((await admin.get('/api/staff/dashboard?department=canteen')).status).toBe(400);
      expect((await admin.get('/api/staff/dashboard?from=2026-11-30&to=2026-11-01')).status).toBe(400);
      expect((await admin.get('/api/staff/dashboard?from=2026-02-30')).status).toBe(400);
      expect((await admin.get('/api/staff/dashboard?from=2025-01-01&to=2026-11-24')).status).toBe(400);
    });
  });

  describe('figures', () => {
    it('the IT lead sees IT over the last 30 days by default, in business minutes', async () => {
      const lead = await signedIn('it.lead');
      const { status, body } = await lead.get('/api/staff/dashboard');
      expect(status).toBe(200);
      expect(body.range).toEqual({ from: '2026-10-26', to: '2026-11-24', timeZone: 'Europe/Berlin' });
      expect(body.figures.firstResponse).toEqual({ count: 2, median: 50, p90: 80, targetMinutes: 30, withinTarget: 0.5, breaches: 1, openBreaches: 0 });
      expect(body.figures.resolution).toMatchObject({ count: 2, median: 95, p90: 130, targetMinutes: 240, withinTarget: 1 });
      expect(body.figures.deflection).toEqual({ rate: 0.5, deflected: 1, questions: 2 });
      expect(body.figures.firstContactResolution).toEqual({ rate: 0.5, solvedAtFirstContact: 1, answered: 2 });
      expect(body.figures.satisfaction).toMatchObject({ count: 2, mean: 4, goodShare: 0.5 });
      expect(body.figures.volumePerDay).toHaveLength(30);
      expect(body.labels['it-vpn']).toMatch(/VPN/);
    });

    it('a chosen range narrows the figures', async () => {
      const lead = await signedIn('it.lead');
      const { body } = await lead.get('/api/staff/dashboard?from=2026-11-23&to=2026-11-23');
      expect(body.range).toMatchObject({ from: '2026-11-23', to: '2026-11-23' });
      // Only A was created on Monday 23 November.
      expect(body.figures.firstResponse).toMatchObject({ count: 1, median: 20 });
      expect(body.figures.volumePerDay).toEqual([{ date: '2026-11-23', questions: 2, requests: 1 }]);
    });
  });

  describe('CSV export', () => {
    /** A small RFC 4180 reader: quoted fields, doubled quotes, CRLF. */
    const parseCsv = (text: string): string[][] => {
      const rows: string[][] = [];
      let row: string[] = [];
      let field = '';
      let quoted = false;
      for (let i = 0; i < text.length; i++) {
        const ch = text[i];
        if (quoted) {
          if (ch === '"' && text[i + 1] === '"') {
            field += '"';
            i++;
          } else if (ch === '"') quoted = false;
          else field += ch;
        } else if (ch === '"') quoted = true;
        else if (ch === ',') {
          row.push(field);
          field = '';
        } else if (ch === '\r' && text[i + 1] === '\n') {
          row.push(field);
          rows.push(row);
          row = [];
          field = '';
          i++;
        } else field += ch;
      }
      return rows;
    };

    it('has one row per department and metric, quoted where needed, as an attachment', async () => {
      const lead = await signedIn('it.lead');
      const response = await raw('/api/staff/dashboard.csv?from=2026-10-26&to=2026-11-24', lead);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(response.headers.get('content-disposition')).toBe('attachment; filename="anlaufstelle-dashboard-it-2026-10-26-2026-11-24.csv"');
      const text = await response.text();
      expect(text.startsWith('department,department_name,metric,label,value,unit,from,to\r\n')).toBe(true);
      expect(text).toContain('it,IT-Service,first_response_median,"Zeit bis zur ersten Antwort, Median",50,business_minutes,2026-10-26,2026-11-24\r\n');
      expect(text).toContain('it,IT-Service,first_contact_resolution_answered,"Erledigte Anfragen mit Antwort auf ""gelöst?""",2,count,2026-10-26,2026-11-24\r\n');
      const rows = parseCsv(text);
      expect(rows.every((r) => r.length === 8)).toBe(true);
      expect(new Set(rows.slice(1).map((r) => r[0]))).toEqual(new Set(['it']));
      const value = (metric: string) => rows.find((r) => r[2] === metric)?.[4];
      expect(value('deflection_rate')).toBe('0.5');
      expect(value('resolution_median')).toBe('95');
      expect(value('first_response_breaches')).toBe('1');
      expect(value('satisfaction_mean')).toBe('4');
    });

    it('gives an admin every department and the total', async () => {
      const admin = await signedIn('admin');
      const rows = parseCsv(await (await raw('/api/staff/dashboard.csv', admin)).text());
      const departments = [...new Set(rows.slice(1).map((r) => r[0]))];
      expect(departments).toEqual(['it', 'hr', 'facility', 'finance', 'all']);
      const perDepartment = rows.filter((r) => r[0] === 'it').length;
      expect(rows.length).toBe(1 + 5 * perDepartment);
      expect(rows.find((r) => r[0] === 'hr' && r[2] === 'first_response_median')?.[4]).toBe('60');
      expect(rows.find((r) => r[0] === 'all' && r[2] === 'requests')?.[4]).toBe('3');
    });
  });

  describe('/metrics', () => {
    it('needs the bearer token when METRICS_TOKEN is set', async () => {
      expect((await raw('/metrics')).status).toBe(401);
      expect((await raw('/metrics', undefined, { authorization: 'Bearer wrong-token-of-some-length' })).status).toBe(401);
      expect((await raw('/metrics', undefined, { authorization: `Basic ${TOKEN}` })).status).toBe(401);
      expect((await raw('/metrics')).headers.get('www-authenticate')).toMatch(/^Bearer/);
    });

    it('exports the figures as gauges labelled by department, from a registry of its own', async () => {
      const response = await raw('/metrics', undefined, { authorization: `Bearer ${TOKEN}` });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = await response.text();
      for (const name of ['anlaufstelle_deflection_ratio', 'anlaufstelle_handoff_ratio', 'anlaufstelle_first_contact_resolution_ratio', 'anlaufstelle_first_response_business_minutes', 'anlaufstelle_target_breaches', 'anlaufstelle_satisfaction_rating_mean']) {
        expect(text).toContain(`# TYPE ${name} gauge`);
      }
      expect(text).toContain('anlaufstelle_first_response_business_minutes{department="it",quantile="0.5"} 50');
      expect(text).toContain('anlaufstelle_first_response_business_minutes{department="it",quantile="0.9"} 80');
      expect(text).toContain('anlaufstelle_first_response_business_minutes{department="hr",quantile="0.5"} 60');
      expect(text).toContain('anlaufstelle_deflection_ratio{department="it"} 0.5');
      expect(text).toContain('anlaufstelle_first_response_target_business_minutes{department="it"} 30');
      expect(text).toContain('anlaufstelle_target_breaches{department="it",target="first_response",state="all"} 1');
      expect(text).toContain('anlaufstelle_requests{department="all",status="resolved"} 2');
      expect(text).toContain('anlaufstelle_knowledge_gap_questions{department="hr"} 2');
      expect(text).toContain('anlaufstelle_metrics_window_days 30');
      // The department "all" has no target of its own: no sample rather than a made-up one.
      expect(text).not.toContain('anlaufstelle_first_response_target_business_minutes{department="all"}');
      expect(await globalRegistry.metrics()).not.toContain('anlaufstelle_');
    });

    it('is open without METRICS_TOKEN (the route on its own, no bot needed)', async () => {
      const content = loadContent({ knowledgeDir: path.resolve('knowledge'), intentsDir: path.resolve('intents') });
      const metrics = new ServiceMetrics({
        requests: { listAll: async () => [] } as unknown as RequestStore,
        interactions: { list: async () => [], record: async () => undefined },
        knowledge: new KnowledgeBase(content),
        addressedGaps: { add: async () => undefined, list: async () => [], questionKeys: async () => new Set<string>() },
        now: () => clock
      });
      const bare = restify.createServer();
      registerMetricsRoute(bare, createMetricsRegistry(metrics, () => ['it', 'hr'], 7), { token: undefined, logger: pino({ level: 'silent' }) });
      const open = await listen(bare);
      try {
        const response = await fetch(`${open.url}/metrics`);
        expect(response.status).toBe(200);
        const text = await response.text();
        expect(text).toContain('anlaufstelle_questions{department="all"} 0');
        expect(text).toContain('anlaufstelle_metrics_window_days 7');
      } finally {
        await open.close();
      }
    });
  });
});
