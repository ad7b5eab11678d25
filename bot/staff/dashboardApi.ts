import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseCookies } from 'cookie';
import type { Logger } from 'pino';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { faqDraftInputSchema, type FaqDraftStore } from '../content/faqDrafts';
import type { KnowledgeBase } from '../content/knowledgeBase';
import type { LiveKnowledge } from '../content/liveKnowledge';
import { ContentError } from '../content/loadContent';
import type { AddressedGapStore } from '../metrics/addressedGaps';
import { dashboardCsv } from '../metrics/csv';
import { ALL_DEPARTMENTS, type DashboardFigures } from '../metrics/dashboard';
import { UNASSIGNED, type GapCluster } from '../metrics/knowledgeGaps';
import { parsePeriod, PeriodError, type Period } from '../metrics/period';
import type { ServiceMetrics } from '../metrics/serviceMetrics';
import { approveFaqDraft, FaqApprovalError } from './faqApproval';
import type { StaffUser } from './staffAccounts';
import { SESSION_COOKIE } from './staffApi';
import type { StaffSessions } from './staffSessions';
import { servePageFiles, type PageFiles } from './staffPage';

export interface DashboardApiDependencies {
  sessions: StaffSessions;
  metrics: ServiceMetrics;
  knowledge: KnowledgeBase;
  drafts: FaqDraftStore;
  liveKnowledge: LiveKnowledge;
  addressedGaps: AddressedGapStore;
  logger: Logger;
  /** The folder of dashboard.html, dashboard.js and dashboard.css: the project's `web/staff`. */
  webDir: string;
  now: () => Date;
}

/** Answers with the status and `{ error }`, like the staff API. */
class DashboardError extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message);
  }
}

const PAGE_FILES: PageFiles = {
  '/staff/dashboard': { file: 'dashboard.html', type: 'text/html; charset=utf-8' },
  '/staff/dashboard/': { file: 'dashboard.html', type: 'text/html; charset=utf-8' },
  '/staff/dashboard.js': { file: 'dashboard.js', type: 'text/javascript; charset=utf-8' },
  '/staff/dashboard.css': { file: 'dashboard.css', type: 'text/css; charset=utf-8' }
};

/** Chart.js' UMD build, served from node_modules (no CDN). */
export const CHART_JS_ROUTE = '/staff/vendor/chart.umd.min.js';

const gapFaqSchema = z
  .object({
    ...faqDraftInputSchema.shape,
    clusterId: z.string().regex(/^[0-9a-f]{12}$/, 'clusterId: unknown format'),
    /** The range the cluster was listed for (defaults: the last 30 days). */
    from: z.string().optional(),
    to: z.string().optional(),
    /** Only for gaps without an owning department: where the entry belongs (admins). */
    department: z.string().optional()
  })
  .strict();

/**
 * The service dashboard (docs/dashboard.md): the page `/staff/dashboard` with Chart.js, and its API
 * for leads (their department) and admins (all, or one to pick). Agents get 403.
 *
 * - `GET /api/staff/dashboard?from&to&department` → figures
 * - `GET /api/staff/dashboard.csv?from&to&department` → one row per department and metric
 * - `GET /api/staff/knowledge-gaps?from&to&department` → clusters of unanswered questions
 * - `POST /api/staff/knowledge-gaps/faq` → writes and approves the FAQ entry for a cluster in one step
 */
export function registerDashboardApi(server: Server, deps: DashboardApiDependencies): void {
  registerPage(server, deps.webDir);

  const departmentName = (id: string) => (id === ALL_DEPARTMENTS ? 'Alle Abteilungen' : id === UNASSIGNED ? 'Ohne Zuordnung' : deps.knowledge.departmentName(id, 'de'));
  const departmentIds = () => deps.knowledge.departments.map((d) => d.id);

  /** The signed-in lead or admin; 401 without a session, 403 for agents. */
  const leadOrAdmin = async (req: Request): Promise<StaffUser> => {
    const header = req.headers.cookie;
    const user = await deps.sessions.user(header ? parseCookies(header)[SESSION_COOKIE] : undefined);
    if (!user) throw new DashboardError(401, 'Bitte melden Sie sich an.');
    if (user.role !== 'lead' && user.role !== 'admin') throw new DashboardError(403, 'Das Dashboard steht Teamleitungen und der Administration zur Verfügung.');
    return user;
  };

  /** The department asked for (query `department`), within what the user may see. */
  const scope = (user: StaffUser, requested: string | null): string => {
    if (user.role === 'admin') {
      const department = requested || ALL_DEPARTMENTS;
      if (department !== ALL_DEPARTMENTS && !departmentIds().includes(department)) throw new DashboardError(400, `department: unbekannte Abteilung "${department}".`);
      return department;
    }
    if (requested && requested !== user.department) throw new DashboardError(403, 'Sie sehen nur das Dashboard Ihrer eigenen Abteilung.');
    return user.department;
  };

  const query = (req: Request) => new URL(req.url ?? '/', 'http://localhost').searchParams;
  const periodOf = (params: URLSearchParams): Period => parsePeriod(params.get('from'), params.get('to'), deps.now(), deps.metrics.timeZone);
  const selectable = (user: StaffUser) =>
    (user.role === 'admin' ? [ALL_DEPARTMENTS, ...departmentIds()] : [user.department]).map((id) => ({ id, name: departmentName(id) }));

  const handle = (method: 'get' | 'post', route: string, handler: (req: Request, res: Response, user: StaffUser) => Promise<void>) => {
    server[method](route, async (req: Request, res: Response) => {
      try {
        const user = await leadOrAdmin(req);
        if (method === 'post' && !(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
          throw new DashboardError(415, 'Bitte senden Sie JSON (content-type: application/json).');
        }
        await handler(req, res, user);
      } catch (error) {
        fail(res, error, deps.logger);
      }
    });
  };

  handle('get', '/api/staff/dashboard', async (req, res, user) => {
    const params = query(req);
    const department = scope(user, params.get('department'));
    const period = periodOf(params);
    // Admins looking at all departments also get each department's figures for comparison.
    const wanted = department === ALL_DEPARTMENTS ? [ALL_DEPARTMENTS, ...departmentIds()] : [department];
    const figures = await deps.metrics.dashboards(period, wanted);
    res.send(200, {
      user,
      department,
      departmentName: departmentName(department),
      departments: selectable(user),
      range: { from: period.fromDate, to: period.toDate, timeZone: period.timeZone },
      generatedAt: deps.now().toISOString(),
      figures: figures.get(department),
      comparison: department === ALL_DEPARTMENTS ? departmentIds().map((id) => ({ department: id, name: departmentName(id), figures: figures.get(id) })) : [],
      labels: intentLabels(figures.get(department)!, deps.knowledge)
    });
  });

  handle('get', '/api/staff/dashboard.csv', async (req, res, user) => {
    const params = query(req);
    const department = scope(user, params.get('department'));
    const period = periodOf(params);
    const wanted = department === ALL_DEPARTMENTS ? [...departmentIds(), ALL_DEPARTMENTS] : [department];
    const csv = dashboardCsv(await deps.metrics.dashboards(period, wanted), departmentName, period);
    const filename = `anlaufstelle-dashboard-${department}-${period.fromDate}-${period.toDate}.csv`;
    res.sendRaw(200, csv, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff'
    });
  });

  handle('get', '/api/staff/knowledge-gaps', async (req, res, user) => {
    const params = query(req);
    const department = scope(user, params.get('department'));
    const period = periodOf(params);
    // Admins also see the gaps the bot could not assign to a department.
    const departments = department === ALL_DEPARTMENTS ? [...departmentIds(), UNASSIGNED] : [department];
    const clusters = await deps.metrics.knowledgeGaps(period, departments);
    res.send(200, {
      range: { from: period.fromDate, to: period.toDate, timeZone: period.timeZone },
      departments: departments.map((id) => ({ id, name: departmentName(id) })),
      clusters: clusters.map((cluster) => publicCluster(cluster, departmentName(cluster.department)))
    });
  });

  handle('post', '/api/staff/knowledge-gaps/faq', async (req, res, user) => {
    if (user.role !== 'lead' && user.role !== 'admin') throw new DashboardError(403, 'Nur Teamleitungen können FAQ-Einträge freigeben.');
    const parsed = gapFaqSchema.safeParse(req.body ?? {});
    if (!parsed.success) throw new DashboardError(400, parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
    const { clusterId, from, to, department: chosen, ...input } = parsed.data;
    if ((await deps.addressedGaps.list()).some((g) => g.clusterId === clusterId)) {
      throw new DashboardError(409, 'Für diese Wissenslücke wurde bereits ein FAQ-Eintrag geschrieben.');
    }
    const period = parsePeriod(from, to, deps.now(), deps.metrics.timeZone);
    const cluster = (await deps.metrics.knowledgeGaps(period)).find((c) => c.id === clusterId);
    if (!cluster) throw new DashboardError(404, 'Diese Wissenslücke gibt es im gewählten Zeitraum nicht (mehr). Bitte laden Sie die Liste neu.');
    let department = cluster.department;
    if (department === UNASSIGNED) {
      if (!chosen || !departmentIds().includes(chosen)) throw new DashboardError(400, 'department: Bitte wählen Sie die Abteilung, zu der der Eintrag gehört.');
      department = chosen;
    }
    if (user.role !== 'admin' && department !== user.department) throw new DashboardError(403, 'Diese Wissenslücke gehört zu einer anderen Abteilung.');

    // One step: the draft, approved at once (the same approval as in the console), the gap addressed.
    const draft = await deps.drafts.create(input, department, user.name);
    const { draft: approved, entry } = await approveFaqDraft({ drafts: deps.drafts, liveKnowledge: deps.liveKnowledge, now: deps.now }, draft.id, user, (d) => {
      Object.assign(d, { gapClusterId: cluster.id });
    });
    await deps.addressedGaps.add({
      clusterId: cluster.id,
      department,
      questionKeys: cluster.keys,
      draftId: draft.id,
      entryId: entry.id,
      addressedBy: user.name,
      addressedAt: deps.now().toISOString()
    });
    deps.logger.info({ staff: user.username, entry: entry.id, cluster: cluster.id, questions: cluster.count }, 'FAQ entry written for a knowledge gap');
    res.send(201, { draft: approved, entry, cluster: publicCluster(cluster, departmentName(cluster.department)) });
  });
}

/** A cluster as the page sees it (without the question keys). */
function publicCluster(cluster: GapCluster, departmentName: string) {
  const { keys: _keys, ...rest } = cluster;
  return { ...rest, departmentName };
}

/** Names for the per-intent chart: the FAQ entry's German question; intents and decisions are named by the page. */
function intentLabels(figures: DashboardFigures, knowledge: KnowledgeBase): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const { id, kind } of figures.perIntent) {
    if (kind === 'faq') labels[id] = knowledge.entry(id, 'de')?.question ?? id;
  }
  return labels;
}

function registerPage(server: Server, webDir: string): void {
  servePageFiles(server, webDir, PAGE_FILES);
  let chart: Promise<{ body: Buffer; etag: string }> | undefined;
  server.get(CHART_JS_ROUTE, async (req: Request, res: Response) => {
    chart ??= readFile(path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.min.js')).then((body) => ({
      body,
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`
    }));
    let asset;
    try {
      asset = await chart;
    } catch {
      chart = undefined;
      res.sendRaw(404, 'Not found', { 'Content-Type': 'text/plain; charset=utf-8' });
      return;
    }
    const headers = { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=86400', ETag: asset.etag, 'X-Content-Type-Options': 'nosniff' };
    if (req.header('if-none-match') === asset.etag) res.sendRaw(304, '', headers);
    else res.sendRaw(200, asset.body, headers);
  });
}

function fail(res: Response, error: unknown, logger: Logger): void {
  if (error instanceof DashboardError || error instanceof FaqApprovalError) {
    res.send(error.status, { error: error.message });
  } else if (error instanceof PeriodError || error instanceof ContentError) {
    res.send(400, { error: error.message });
  } else {
    logger.error({ err: error }, 'dashboard API failed');
    res.send(500, { error: 'Interner Fehler.' });
  }
}
