import type { KnowledgeBase } from '../content/knowledgeBase';
import type { Language, ValueStream } from '../content/schema';
import type { EventBus } from '../events/eventBus';
import type { HandoffService } from '../handoff/handoffService';
import type { RequestChange } from '../handoff/requestChange';
import type { Requester, RequestStore, ServiceRequest } from '../requests/serviceRequest';
import type { CaseStore, ValueStreamCase } from './caseStore';

/** A case with its tasks, in the order of the value stream. */
export interface CaseProgress {
  case: ValueStreamCase;
  stream: ValueStream;
  tasks: Array<{ key: string; request: ServiceRequest }>;
  done: number;
  total: number;
  finished: boolean;
}

/**
 * Starts multi-department requests (value streams) and moves them along: a task waits until the
 * tasks it depends on are resolved, then opens in its department's queue.
 */
export class CaseService {
  private pending: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly deps: { cases: CaseStore; requests: RequestStore; handoff: HandoffService; knowledge: KnowledgeBase; bus: EventBus<RequestChange> }
  ) {}

  /** Listens for resolved tasks and opens the tasks that waited for them; returns the unsubscribe function. */
  start(): () => void {
    return this.deps.bus.subscribe((change) => {
      const caseId = change.request.caseId;
      if (change.cause?.type !== 'resolved' || !caseId) return;
      this.pending = this.pending.then(() => this.release(caseId)).catch(() => undefined);
    });
  }

  /** Resolves once every task release triggered so far is done. */
  idle(): Promise<unknown> {
    return this.pending;
  }

  stream(id: string): ValueStream | undefined {
    return this.deps.knowledge.content.valueStreams.find((s) => s.id === id);
  }

  /** Opens the case and one task per department; tasks with dependencies wait. */
  async open(streamId: string, details: Record<string, string>, requester: Requester, language: Language): Promise<CaseProgress> {
    const stream = this.stream(streamId);
    if (!stream) throw new Error(`Unknown value stream "${streamId}"`);
    const created = await this.deps.cases.create({ streamId, language, requester, details }, stream.code);
    const tasks: Record<string, string> = {};
    const subjectOf = (title: string) => `${created.number} ${stream.name[language]}: ${title} – ${details.name ?? ''}`.trim();
    for (const task of stream.tasks) {
      const { request } = await this.deps.handoff.open({
        department: task.department,
        source: 'value_stream',
        type: stream.id,
        targets: stream.targets,
        caseId: created.id,
        taskKey: task.key,
        dependsOn: task.dependsOn,
        status: task.dependsOn.length > 0 ? 'waiting' : 'open',
        language,
        requester,
        subject: subjectOf(task.title[language]),
        details: { ...details, task: task.title[language] },
        transcript: []
      });
      tasks[task.key] = request.id;
    }
    await this.deps.cases.setTasks(created.id, tasks);
    return (await this.progress(created.id))!;
  }

  /** The case with the current state of each task. */
  async progress(caseId: string): Promise<CaseProgress | undefined> {
    const found = await this.deps.cases.get(caseId);
    const stream = found && this.stream(found.streamId);
    if (!found || !stream) return undefined;
    const tasks: CaseProgress['tasks'] = [];
    for (const task of stream.tasks) {
      const request = found.tasks[task.key] ? await this.deps.requests.get(found.tasks[task.key]) : undefined;
      if (request) tasks.push({ key: task.key, request });
    }
    const done = tasks.filter((t) => t.request.status === 'resolved').length;
    return { case: found, stream, tasks, done, total: stream.tasks.length, finished: done === stream.tasks.length };
  }

  /** The employee's cases, newest first. */
  async listForRequester(userId: string): Promise<CaseProgress[]> {
    const cases = await this.deps.cases.listByRequester(userId);
    const all = await Promise.all(cases.map((c) => this.progress(c.id)));
    return all.filter((p): p is CaseProgress => !!p).sort((a, b) => b.case.createdAt.localeCompare(a.case.createdAt));
  }

  /** Opens every waiting task whose dependencies are all resolved. */
  async release(caseId: string): Promise<ServiceRequest[]> {
    const progress = await this.progress(caseId);
    if (!progress) return [];
    const resolved = new Set(progress.tasks.filter((t) => t.request.status === 'resolved').map((t) => t.key));
    const released: ServiceRequest[] = [];
    for (const { request } of progress.tasks) {
      if (request.status === 'waiting' && (request.dependsOn ?? []).every((key) => resolved.has(key))) {
        released.push(await this.deps.handoff.release(request.id));
      }
    }
    return released;
  }
}
