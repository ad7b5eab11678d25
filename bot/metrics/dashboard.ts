import type { InteractionEvent, QuestionEvent } from '../analytics/interactionLog';
import type { Department } from '../content/schema';
import { localDateOf } from '../handoff/businessHours';
import type { RequestSource, ServiceRequest } from '../requests/serviceRequest';
import { datesOf, type Period } from './period';
import { mean, median, percentile, ratio } from './stats';
import { businessHoursOf, clockStartOf, respondedAt, targetStatus } from './targets';

/**
 * The service dashboard's figures, computed from the requests and the interaction log.
 * Every definition is in docs/dashboard.md; the TSDoc of each field repeats it.
 */

/** After a question, how long a request, an `unanswered` event or a negative rating in the same conversation still counts as its outcome. */
export const ESCALATION_WINDOW_MINUTES = 30;

/** Intents that are conversation, not questions: not counted as questions anywhere. */
export const SMALL_TALK_INTENTS: ReadonlySet<string> = new Set(['greeting', 'thanks', 'goodbye', 'help', 'cancel']);

/** Request sources that mean "the bot handed the conversation to a person". */
export const HANDOFF_SOURCES: ReadonlySet<RequestSource> = new Set<RequestSource>(['human', 'out_of_scope', 'not_helpful', 'always_human']);

/** A rating of at least this counts as satisfied. */
export const GOOD_RATING = 4;

/** The key for "all departments" (admins; the /metrics label). */
export const ALL_DEPARTMENTS = 'all';

/** Figures of one time target (first response or resolution). Durations are business minutes. */
export interface TimeFigures {
  /** Requests of the period whose clock stopped by a response (resp. resolution): the measured ones. */
  count: number;
  median: number | null;
  /** Nearest-rank 90th percentile. */
  p90: number | null;
  /** The department's target (null for all departments, whose targets differ). */
  targetMinutes: number | null;
  /** Share of the measured requests within their own target (`request.targets ?? department.targets`). */
  withinTarget: number | null;
  /** Requests of the period whose target is breached: answered (resolved) too late, or still waiting past it now, or cancelled after waiting past it. */
  breaches: number;
  /** Of the breaches: still open now. */
  openBreaches: number;
}

export interface DashboardFigures {
  department: string;
  /** `question` events of the period (small talk excluded) attributed to the department (`event.department`). */
  questions: number;
  /** Distinct conversations with at least one counted question. */
  conversations: number;
  /** Answered without a human: see {@link computeDashboard}. */
  deflection: { rate: number | null; deflected: number; questions: number };
  /** Conversations handed to a person / conversations. */
  handoff: { rate: number | null; handedOff: number; conversations: number };
  /** Resolved at first contact (solved, never transferred) / resolved requests whose employee answered "solved?". */
  firstContactResolution: { rate: number | null; solvedAtFirstContact: number; answered: number };
  firstResponse: TimeFigures;
  resolution: TimeFigures;
  /** Ratings (1–5) of the period's requests. */
  satisfaction: { count: number; mean: number | null; goodShare: number | null; distribution: [number, number, number, number, number] };
  /** The period's requests (created in it) by status and source. */
  requests: { total: number; byStatus: Record<string, number>; bySource: Record<string, number> };
  /** Per local day of the period: counted questions and created requests. */
  volumePerDay: Array<{ date: string; questions: number; requests: number }>;
  /**
   * Counted questions per intent, most frequent first: the FAQ entry or intent the bot answered with
   * (`topId` of decision `answer`), or `decision:disambiguate|clarify|out_of_scope` for the rest.
   */
  perIntent: Array<{ id: string; kind: 'faq' | 'intent' | 'decision'; count: number }>;
}

export interface DashboardInput {
  /** Every request (the function picks the period's). */
  requests: readonly ServiceRequest[];
  /** Interaction events from `period.from` until at least `period.to` + 30 minutes (outcomes of late questions). */
  events: readonly InteractionEvent[];
  departments: readonly Department[];
  period: Pick<Period, 'from' | 'to' | 'fromDate' | 'toDate' | 'timeZone'>;
  now: Date;
  /** A department id, or undefined / `all` for every department. */
  department?: string;
}

const inPeriod = (at: string, period: DashboardInput['period']) => at >= period.from.toISOString() && at < period.to.toISOString();
const isCounted = (q: QuestionEvent) => !(q.topKind === 'intent' && q.topId && SMALL_TALK_INTENTS.has(q.topId));

/**
 * Computes the dashboard for one department (or all). Definitions:
 *
 * - **Questions**: `question` events in [from, to) except small talk (greeting, thanks, goodbye, help,
 *   cancel); a department's are those with `event.department` = it (the recognized topic's department).
 * - **Outcome of a question**: a request created, an `unanswered` event or a `feedback` with
 *   `helpful: false` in the same conversation belongs to the latest counted question of that
 *   conversation at or before it, if that question is at most 30 minutes older.
 * - **Deflection** (answered without a human) = questions with decision ≠ `out_of_scope`, not the
 *   `human` intent, and without an outcome / questions.
 * - **Handoff rate** = conversations with a request of source human, out_of_scope, not_helpful or
 *   always_human created in the period / conversations with a counted question in the period (for a
 *   department: conversations with a question of the department or a handoff into it; numerator:
 *   those with a handoff into it).
 * - **Requests of the period**: created in [from, to), in the department that holds them now.
 * - **First-contact resolution** = resolved requests with `feedback.solved === true` and no transfer /
 *   resolved requests with an answer to "solved?".
 * - **Time to first response** = business minutes from `createdAt` (a released task: its release) to
 *   `firstResponseAt` (or, closed without a staff message, to `resolvedAt`); **time to resolution** =
 *   to `resolvedAt`; both in the
 *   business hours of the department that holds the request; median and nearest-rank p90. Targets and
 *   breaches per {@link targetStatus}.
 * - **Satisfaction**: mean rating and share of ratings ≥ 4 of the period's rated requests.
 */
export function computeDashboard(input: DashboardInput): DashboardFigures {
  const { period, now } = input;
  const department = input.department && input.department !== ALL_DEPARTMENTS ? input.department : undefined;
  const departments = new Map(input.departments.map((d) => [d.id, d]));
  const ofDepartment = (id: string | undefined) => !department || id === department;

  // ---- questions and their outcomes (all departments: outcomes are found per conversation)
  const allQuestions = input.events.filter((e): e is QuestionEvent => e.kind === 'question' && isCounted(e));
  const byConversation = new Map<string, QuestionEvent[]>();
  for (const q of allQuestions) {
    const list = byConversation.get(q.conversationId) ?? [];
    list.push(q);
    byConversation.set(q.conversationId, list);
  }
  for (const list of byConversation.values()) list.sort((a, b) => a.at.localeCompare(b.at));

  const escalated = new Set<QuestionEvent>();
  const attribute = (conversationId: string, at: string) => {
    const list = byConversation.get(conversationId);
    if (!list) return;
    let owner: QuestionEvent | undefined;
    for (const q of list) {
      if (q.at <= at) owner = q;
      else break;
    }
    if (owner && Date.parse(at) - Date.parse(owner.at) <= ESCALATION_WINDOW_MINUTES * 60_000) escalated.add(owner);
  };
  for (const r of input.requests) attribute(r.requester.conversationId, r.createdAt);
  for (const e of input.events) {
    if (e.kind === 'unanswered' || (e.kind === 'feedback' && !e.helpful)) attribute(e.conversationId, e.at);
  }

  const questions = allQuestions.filter((q) => inPeriod(q.at, period) && ofDepartment(q.department));
  const deflected = questions.filter((q) => q.decision !== 'out_of_scope' && q.topId !== 'human' && !escalated.has(q)).length;

  // ---- requests of the period
  const requests = input.requests.filter((r) => inPeriod(r.createdAt, period) && ofDepartment(r.department));

  // ---- handoff rate (conversation level)
  const conversations = new Set(questions.map((q) => q.conversationId));
  const handoffConversations = new Set(
    input.requests.filter((r) => HANDOFF_SOURCES.has(r.source) && inPeriod(r.createdAt, period) && ofDepartment(r.department)).map((r) => r.requester.conversationId)
  );
  const handoffBase = new Set([...conversations, ...handoffConversations]);

  // ---- first-contact resolution
  const resolvedAnswered = requests.filter((r) => r.status === 'resolved' && typeof r.feedback?.solved === 'boolean');
  const solvedAtFirstContact = resolvedAnswered.filter((r) => r.feedback?.solved === true && !r.history.some((e) => e.type === 'transferred')).length;

  // ---- times and targets
  const firstResponseTimes: number[] = [];
  const resolutionTimes: number[] = [];
  let firstWithin = 0;
  let resolutionWithin = 0;
  const breaches = { first: 0, firstOpen: 0, resolution: 0, resolutionOpen: 0 };
  for (const r of requests) {
    const owner = departments.get(r.department);
    if (!owner) continue;
    const hours = businessHoursOf(owner);
    const status = targetStatus(r, owner, now);
    const responded = respondedAt(r);
    const start = new Date(clockStartOf(r));
    if (responded) {
      firstResponseTimes.push(hours.businessMinutesBetween(start, new Date(responded)));
      if (status.firstResponse === 'met') firstWithin += 1;
    }
    if (r.resolvedAt) {
      resolutionTimes.push(hours.businessMinutesBetween(start, new Date(r.resolvedAt)));
      if (status.resolution === 'met') resolutionWithin += 1;
    }
    const open = r.status === 'open' || r.status === 'in_progress' || r.status === 'waiting';
    if (status.firstResponse === 'breached') {
      breaches.first += 1;
      if (!responded && open) breaches.firstOpen += 1;
    }
    if (status.resolution === 'breached') {
      breaches.resolution += 1;
      if (open) breaches.resolutionOpen += 1;
    }
  }
  const target = department ? departments.get(department)?.targets : undefined;
  const time = (values: number[], within: number, targetMinutes: number | undefined, breached: number, openBreached: number): TimeFigures => ({
    count: values.length,
    median: median(values),
    p90: percentile(values, 90),
    targetMinutes: targetMinutes ?? null,
    withinTarget: ratio(within, values.length),
    breaches: breached,
    openBreaches: openBreached
  });

  // ---- satisfaction
  const ratings = requests.map((r) => r.feedback?.rating).filter((v): v is number => typeof v === 'number' && v >= 1 && v <= 5);
  const distribution: [number, number, number, number, number] = [0, 0, 0, 0, 0];
  for (const rating of ratings) distribution[Math.round(rating) - 1] += 1;

  // ---- volume
  const days = new Map(datesOf(period).map((date) => [date, { date, questions: 0, requests: 0 }]));
  for (const q of questions) {
    const day = days.get(localDateOf(new Date(q.at), period.timeZone));
    if (day) day.questions += 1;
  }
  for (const r of requests) {
    const day = days.get(localDateOf(new Date(r.createdAt), period.timeZone));
    if (day) day.requests += 1;
  }
  const intents = new Map<string, { id: string; kind: 'faq' | 'intent' | 'decision'; count: number }>();
  for (const q of questions) {
    const answered = q.decision === 'answer' && q.topId;
    const id = answered ? q.topId! : `decision:${q.decision}`;
    const entry = intents.get(id) ?? { id, kind: answered ? (q.topKind ?? 'faq') : 'decision', count: 0 };
    entry.count += 1;
    intents.set(id, entry);
  }

  const count = (values: string[]) => values.reduce<Record<string, number>>((acc, v) => ((acc[v] = (acc[v] ?? 0) + 1), acc), {});
  return {
    department: department ?? ALL_DEPARTMENTS,
    questions: questions.length,
    conversations: conversations.size,
    deflection: { rate: ratio(deflected, questions.length), deflected, questions: questions.length },
    handoff: { rate: ratio(handoffConversations.size, handoffBase.size), handedOff: handoffConversations.size, conversations: handoffBase.size },
    firstContactResolution: { rate: ratio(solvedAtFirstContact, resolvedAnswered.length), solvedAtFirstContact, answered: resolvedAnswered.length },
    firstResponse: time(firstResponseTimes, firstWithin, target?.firstResponseMinutes, breaches.first, breaches.firstOpen),
    resolution: time(resolutionTimes, resolutionWithin, target?.resolutionMinutes, breaches.resolution, breaches.resolutionOpen),
    satisfaction: { count: ratings.length, mean: mean(ratings), goodShare: ratio(ratings.filter((r) => r >= GOOD_RATING).length, ratings.length), distribution },
    requests: { total: requests.length, byStatus: count(requests.map((r) => r.status)), bySource: count(requests.map((r) => r.source)) },
    volumePerDay: [...days.values()],
    perIntent: [...intents.values()].sort((a, b) => b.count - a.count || a.id.localeCompare(b.id))
  };
}
