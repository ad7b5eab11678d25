import type { InteractionLog } from '../analytics/interactionLog';
import type { KnowledgeBase } from '../content/knowledgeBase';
import type { Content } from '../content/loadContent';
import type { RequestStore } from '../requests/serviceRequest';
import type { AddressedGapStore } from './addressedGaps';
import { ALL_DEPARTMENTS, computeDashboard, ESCALATION_WINDOW_MINUTES, type DashboardFigures } from './dashboard';
import { clusterGaps, gapQuestions, termBackground, type GapCluster, type TermBackground } from './knowledgeGaps';
import type { Period } from './period';

/** How long knowledge-gap clusters of a period are reused, and for how many periods at most. */
const GAP_CACHE_MS = 60_000;
const GAP_CACHE_ENTRIES = 20;

export interface ServiceMetricsDependencies {
  requests: RequestStore;
  interactions: InteractionLog;
  knowledge: KnowledgeBase;
  addressedGaps: AddressedGapStore;
  now: () => Date;
}

/**
 * The figures of the service dashboard, the CSV export and /metrics, read from the request store,
 * the interaction log and the knowledge base. Stateless apart from caches of the knowledge-gap term
 * background (rebuilt when the knowledge changes) and of the clusters (one minute).
 */
export class ServiceMetrics {
  private background?: { content: Content; value: TermBackground };
  private readonly gapCache = new Map<string, { at: number; background: TermBackground; clusters: Promise<GapCluster[]> }>();

  constructor(private readonly deps: ServiceMetricsDependencies) {}

  /** The time zone of reports (days of the volume chart, date ranges): the first department's. */
  get timeZone(): string {
    return this.deps.knowledge.departments[0]?.businessHours.timeZone ?? 'Europe/Berlin';
  }

  now(): Date {
    return this.deps.now();
  }

  /**
   * The dashboard for each of `departments` (ids or `all`) over one period; the data are read once.
   * Outcomes of questions late in the period are looked for up to 30 minutes after its end.
   */
  async dashboards(period: Period, departments: readonly string[]): Promise<Map<string, DashboardFigures>> {
    const [requests, events] = await Promise.all([
      this.deps.requests.listAll(),
      this.deps.interactions.list(period.from, new Date(period.to.getTime() + ESCALATION_WINDOW_MINUTES * 60_000))
    ]);
    const now = this.deps.now();
    const result = new Map<string, DashboardFigures>();
    for (const department of departments) {
      result.set(department, computeDashboard({ requests, events, departments: this.deps.knowledge.departments, period, now, department }));
    }
    return result;
  }

  async dashboard(period: Period, department: string = ALL_DEPARTMENTS): Promise<DashboardFigures> {
    return (await this.dashboards(period, [department])).get(department)!;
  }

  /**
   * Knowledge-gap clusters of the period (questions already answered from the dashboard left out),
   * optionally of some departments. Clustering thousands of questions takes seconds, so the result
   * is kept for a minute per period (the dashboard and /metrics scrapes share it); a FAQ entry
   * written for a gap, or a period still running into new questions after that minute, recomputes.
   */
  async knowledgeGaps(period: Period, departments?: readonly string[]): Promise<GapCluster[]> {
    const addressed = await this.deps.addressedGaps.questionKeys();
    const background = this.termBackground();
    const key = `${period.from.toISOString()}|${period.to.toISOString()}|${addressed.size}`;
    let cached = this.gapCache.get(key);
    if (!cached || cached.background !== background || performance.now() - cached.at > GAP_CACHE_MS) {
      const clusters = this.deps.interactions.list(period.from, period.to).then((events) => clusterGaps(gapQuestions(events), { addressed, background }));
      cached = { at: performance.now(), background, clusters };
      if (this.gapCache.size >= GAP_CACHE_ENTRIES) this.gapCache.clear();
      this.gapCache.set(key, cached);
      clusters.catch(() => this.gapCache.delete(key));
    }
    const clusters = await cached.clusters;
    return departments ? clusters.filter((c) => departments.includes(c.department)) : clusters;
  }

  /** Every FAQ question and alternative phrasing of the live knowledge, as idf reference. */
  private termBackground(): TermBackground {
    const content = this.deps.knowledge.content;
    if (this.background?.content !== content) {
      const texts = (['de', 'en'] as const).flatMap((language) => content.faq[language].flatMap((e) => [e.question, ...e.alternatives].map((text) => ({ text, language }))));
      this.background = { content, value: termBackground(texts) };
    }
    return this.background.value;
  }
}
