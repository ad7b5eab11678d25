import { createHash, timingSafeEqual } from 'node:crypto';
import { Gauge, Registry } from 'prom-client';
import type { Logger } from 'pino';
import type { Request, Response, Server } from 'restify';
import { ALL_DEPARTMENTS, type DashboardFigures } from './dashboard';
import type { GapCluster } from './knowledgeGaps';
import { lastDays } from './period';
import type { ServiceMetrics } from './serviceMetrics';

/** Scrapes within this time share one computation of the figures. */
const SNAPSHOT_TTL_MS = 1000;

interface Snapshot {
  figures: Map<string, DashboardFigures>;
  gaps: GapCluster[];
}

type Labels = Record<string, string>;
type Sample = [Labels, number | null | undefined];

/**
 * A fresh prom-client Registry (not the global default one) with the dashboard's figures as gauges,
 * labelled by `department` (each department id and `all`). The values are computed when Prometheus
 * scrapes, over the last `windowDays` days up to now (today included): the same figures as the
 * dashboard's default view. Gauges without data (e.g. a median of no requests) have no sample.
 */
export function createMetricsRegistry(metrics: ServiceMetrics, departmentIds: () => string[], windowDays: number): Registry {
  const registry = new Registry();
  let cached: { at: number; snapshot: Promise<Snapshot> } | undefined;
  const snapshot = (): Promise<Snapshot> => {
    if (!cached || performance.now() - cached.at > SNAPSHOT_TTL_MS) {
      const period = lastDays(windowDays, metrics.now(), metrics.timeZone);
      const departments = [...departmentIds(), ALL_DEPARTMENTS];
      const promise = Promise.all([metrics.dashboards(period, departments), metrics.knowledgeGaps(period)]).then(([figures, gaps]) => ({ figures, gaps }));
      cached = { at: performance.now(), snapshot: promise };
      promise.catch(() => (cached = undefined));
    }
    return cached.snapshot;
  };

  const gauge = (name: string, help: string, labelNames: string[], samples: (s: Snapshot) => Sample[]) =>
    new Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        const s = await snapshot();
        this.reset();
        for (const [labels, value] of samples(s)) if (typeof value === 'number' && Number.isFinite(value)) this.set(labels, value);
      }
    });
  /** One sample per department (and `all`) from the figures. */
  const perDepartment = (value: (f: DashboardFigures) => number | null | undefined) => (s: Snapshot): Sample[] =>
    [...s.figures].map(([department, f]) => [{ department }, value(f)]);
  const quantiles = (value: (f: DashboardFigures) => { median: number | null; p90: number | null }) => (s: Snapshot): Sample[] =>
    [...s.figures].flatMap(([department, f]): Sample[] => [
      [{ department, quantile: '0.5' }, value(f).median],
      [{ department, quantile: '0.9' }, value(f).p90]
    ]);

  const d = ['department'];
  gauge('anlaufstelle_metrics_window_days', 'Length of the window the anlaufstelle_* gauges are computed over, in days (today included).', [], () => [[{}, windowDays]]);
  gauge('anlaufstelle_questions', 'Employee questions in the window (question events without small talk), by the department of the recognized topic.', d, perDepartment((f) => f.questions));
  gauge('anlaufstelle_conversations', 'Conversations with at least one question in the window.', d, perDepartment((f) => f.conversations));
  gauge('anlaufstelle_deflection_ratio', 'Share of questions answered without a human (no request, unanswered event or unhelpful rating within 30 minutes in the conversation).', d, perDepartment((f) => f.deflection.rate));
  gauge('anlaufstelle_handoff_ratio', 'Share of conversations handed to a person (request of source human, out_of_scope, not_helpful or always_human).', d, perDepartment((f) => f.handoff.rate));
  gauge('anlaufstelle_first_contact_resolution_ratio', 'Resolved requests solved at first contact (solved, never transferred) / resolved requests whose employee answered "solved?".', d, perDepartment((f) => f.firstContactResolution.rate));
  gauge('anlaufstelle_requests', 'Requests created in the window, by current status.', ['department', 'status'], (s) =>
    [...s.figures].flatMap(([department, f]) => Object.entries(f.requests.byStatus).map(([status, n]): Sample => [{ department, status }, n]))
  );
  gauge('anlaufstelle_first_response_business_minutes', 'Time to first response of the requests created in the window, in business minutes of the department (median: quantile 0.5, nearest-rank p90: 0.9).', ['department', 'quantile'], quantiles((f) => f.firstResponse));
  gauge('anlaufstelle_resolution_business_minutes', 'Time to resolution of the requests created in the window, in business minutes of the department (median: quantile 0.5, nearest-rank p90: 0.9).', ['department', 'quantile'], quantiles((f) => f.resolution));
  gauge('anlaufstelle_first_response_target_business_minutes', "The department's first-response target, in business minutes.", d, perDepartment((f) => f.firstResponse.targetMinutes));
  gauge('anlaufstelle_resolution_target_business_minutes', "The department's resolution target, in business minutes.", d, perDepartment((f) => f.resolution.targetMinutes));
  gauge('anlaufstelle_first_response_within_target_ratio', 'Share of the answered requests answered within their first-response target.', d, perDepartment((f) => f.firstResponse.withinTarget));
  gauge('anlaufstelle_resolution_within_target_ratio', 'Share of the resolved requests resolved within their resolution target.', d, perDepartment((f) => f.resolution.withinTarget));
  gauge('anlaufstelle_target_breaches', 'Requests created in the window whose target is breached (late, or still open past it); state="open": of those, still open.', ['department', 'target', 'state'], (s) =>
    [...s.figures].flatMap(([department, f]): Sample[] => [
      [{ department, target: 'first_response', state: 'all' }, f.firstResponse.breaches],
      [{ department, target: 'first_response', state: 'open' }, f.firstResponse.openBreaches],
      [{ department, target: 'resolution', state: 'all' }, f.resolution.breaches],
      [{ department, target: 'resolution', state: 'open' }, f.resolution.openBreaches]
    ])
  );
  gauge('anlaufstelle_satisfaction_ratings', 'Ratings (1-5) given for requests created in the window.', d, perDepartment((f) => f.satisfaction.count));
  gauge('anlaufstelle_satisfaction_rating_mean', 'Mean rating (1-5) of the requests created in the window.', d, perDepartment((f) => f.satisfaction.mean));
  gauge('anlaufstelle_satisfaction_good_ratio', 'Share of ratings of 4 or 5.', d, perDepartment((f) => f.satisfaction.goodShare));
  gauge('anlaufstelle_knowledge_gap_clusters', 'Open knowledge-gap clusters (questions the bot could not answer helpfully), by owning department.', d, (s) => gapSamples(s, () => 1));
  gauge('anlaufstelle_knowledge_gap_questions', 'Questions in open knowledge-gap clusters, by owning department.', d, (s) => gapSamples(s, (c) => c.count));
  return registry;
}

function gapSamples(s: Snapshot, value: (c: GapCluster) => number): Sample[] {
  const totals = new Map<string, number>([...s.figures.keys()].map((department) => [department, 0]));
  for (const cluster of s.gaps) {
    if (totals.has(cluster.department)) totals.set(cluster.department, totals.get(cluster.department)! + value(cluster));
    totals.set(ALL_DEPARTMENTS, (totals.get(ALL_DEPARTMENTS) ?? 0) + value(cluster));
  }
  return [...totals].map(([department, n]) => [{ department }, n]);
}

/**
 * GET /metrics in Prometheus' text format. With a token, only `Authorization: Bearer <token>` gets
 * the figures (401 otherwise, compared in constant time); without one, the route is open.
 */
export function registerMetricsRoute(server: Server, registry: Registry, options: { token?: string; logger: Logger }): void {
  const expected = options.token ? digest(options.token) : undefined;
  server.get('/metrics', async (req: Request, res: Response) => {
    if (expected) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(req.header('authorization') ?? '');
      if (!match || !timingSafeEqual(digest(match[1]), expected)) {
        res.sendRaw(401, 'Unauthorized: send Authorization: Bearer <METRICS_TOKEN>\n', { 'Content-Type': 'text/plain; charset=utf-8', 'WWW-Authenticate': 'Bearer realm="metrics"' });
        return;
      }
    }
    try {
      res.sendRaw(200, await registry.metrics(), { 'Content-Type': registry.contentType, 'Cache-Control': 'no-store' });
    } catch (error) {
      options.logger.error({ err: error }, 'metrics failed');
      res.sendRaw(500, 'metrics failed\n', { 'Content-Type': 'text/plain; charset=utf-8' });
    }
  });
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
