import type { KnowledgeBase } from '../content/knowledgeBase';
import type { EventBus } from '../events/eventBus';
import { isActive, type Assignee, type NewServiceRequest, type RequestEvent, type RequestStore, type ServiceRequest } from '../requests/serviceRequest';
import { BusinessHours } from './businessHours';
import { queuePosition, type QueuePosition } from './queueInfo';
import type { RequestChange } from './requestChange';
import type { Clock } from '../clock';

/** A staff action that does not fit the request's state (e.g. claiming what another has claimed). */
export class HandoffConflictError extends Error {}

/** What the employee is told when a request is opened. */
export interface OpenedRequest {
  request: ServiceRequest;
  queue: QueuePosition;
  /** When the department opens again; null when it is open now. */
  opensAt: Date | null;
}

export interface HandoffServiceDependencies {
  store: RequestStore;
  bus: EventBus<RequestChange>;
  knowledge: KnowledgeBase;
  now: Clock;
}

/**
 * The life of a request between employee and staff: opened by the bot, claimed, answered,
 * transferred, resolved or handed back by staff, cancelled or rated by the employee. Every change is
 * stored and published on the request bus (the staff console and the employee notifier listen).
 */
export class HandoffService {
  private readonly now: Clock;
  private readonly hours = new Map<string, BusinessHours>();

  constructor(private readonly deps: HandoffServiceDependencies) {
    this.now = deps.now;
  }

  /** Opens a request in the department's queue and says where it stands. */
  async open(input: NewServiceRequest): Promise<OpenedRequest> {
    const request = await this.deps.store.create(input);
    this.deps.bus.publish({ type: 'created', department: request.department, request, cause: request.history[0] });
    return { request, queue: await this.position(request), opensAt: this.opensAt(request.department) };
  }

  /** The request's place in its queue and the estimated wait. */
  async position(request: ServiceRequest): Promise<QueuePosition> {
    const queue = await this.deps.store.listByDepartment(request.department);
    const target = this.deps.knowledge.department(request.department)?.targets.firstResponseMinutes ?? 60;
    return queuePosition(request, queue, target);
  }

  /** When the department opens again, or null when it is open now. */
  opensAt(department: string): Date | null {
    const hours = this.businessHours(department);
    if (!hours) return null;
    const now = this.now();
    return hours.isOpen(now) ? null : hours.nextOpening(now);
  }

  businessHours(department: string): BusinessHours | undefined {
    const definition = this.deps.knowledge.department(department)?.businessHours;
    if (!definition) return undefined;
    if (!this.hours.has(department)) this.hours.set(department, new BusinessHours(definition));
    return this.hours.get(department);
  }

  get(id: string): Promise<ServiceRequest | undefined> {
    return this.deps.store.get(id);
  }

  /** The employee's active request in a conversation, if any. */
  async activeInConversation(conversationId: string): Promise<ServiceRequest | undefined> {
    return (await this.deps.store.listAll()).reverse().find((r) => r.requester.conversationId === conversationId && isActive(r));
  }

  claim(id: string, staff: Assignee): Promise<ServiceRequest> {
    return this.change(id, (request, event) => {
      if (request.assignee && request.assignee.username !== staff.username && request.status === 'in_progress') {
        throw new HandoffConflictError(`${request.number} is already claimed by ${request.assignee.name}`);
      }
      request.assignee = staff;
      request.status = 'in_progress';
      event({ type: 'claimed', by: staff.name });
    });
  }

  /** A staff member writes to the employee. Claims the request for them if nobody has. */
  async staffMessage(id: string, staff: Assignee, text: string): Promise<ServiceRequest> {
    const at = this.now().toISOString();
    return this.change(
      id,
      (request, event) => {
        if (request.assignee && request.assignee.username !== staff.username) {
          throw new HandoffConflictError(`${request.number} is handled by ${request.assignee.name}`);
        }
        if (!request.assignee) {
          request.assignee = staff;
          request.status = 'in_progress';
          event({ type: 'claimed', by: staff.name });
        }
        request.transcript.push({ from: 'staff', text, at, by: staff.name });
        request.firstResponseAt ??= at;
        event({ type: 'message', by: staff.name });
      },
      { from: 'staff', text, by: staff.name }
    );
  }

  /** The employee writes while staff handle the conversation. */
  employeeMessage(id: string, text: string): Promise<ServiceRequest> {
    return this.change(id, (request) => request.transcript.push({ from: 'user', text, at: this.now().toISOString() }), { from: 'user', text });
  }

  transfer(id: string, staff: Assignee, department: string, note: string): Promise<ServiceRequest> {
    if (!this.deps.knowledge.department(department)) throw new HandoffConflictError(`Unknown department "${department}"`);
    return this.change(id, (request, event) => {
      if (request.department === department) throw new HandoffConflictError(`${request.number} is already in that queue`);
      event({ type: 'transferred', by: staff.name, note, from: request.department, to: department });
      request.department = department;
      request.status = 'open';
      delete request.assignee;
    });
  }

  resolve(id: string, staff: Assignee, note: string): Promise<ServiceRequest> {
    return this.change(id, (request, event) => {
      request.status = 'resolved';
      request.resolvedAt = this.now().toISOString();
      event({ type: 'resolved', by: staff.name, note });
    });
  }

  /** Back to the bot without a resolution; the request is closed as handed back. */
  handBack(id: string, staff: Assignee, note?: string): Promise<ServiceRequest> {
    return this.change(id, (request, event) => {
      request.status = 'resolved';
      request.resolvedAt = this.now().toISOString();
      event({ type: 'handed_back', by: staff.name, note });
    });
  }

  /** A waiting task whose preceding tasks are done goes into its department's queue. */
  release(id: string): Promise<ServiceRequest> {
    return this.change(
      id,
      (request, event) => {
        if (request.status !== 'waiting') throw new HandoffConflictError(`${request.number} is not waiting`);
        request.status = 'open';
        event({ type: 'released' });
      },
      undefined,
      false
    );
  }

  /** The employee withdraws the request. */
  cancel(id: string): Promise<ServiceRequest> {
    return this.change(id, (request, event) => {
      request.status = 'cancelled';
      event({ type: 'cancelled', by: 'employee' });
    });
  }

  /** The employee's answers after the handoff: solved at first contact, and a rating from 1 to 5. */
  rate(id: string, feedback: { solved?: boolean; rating?: number }): Promise<ServiceRequest> {
    return this.change(
      id,
      (request, event) => {
        request.feedback = { ...request.feedback, ...feedback };
        event({ type: 'rated', note: JSON.stringify(feedback) });
      },
      undefined,
      false
    );
  }

  private async change(
    id: string,
    edit: (request: ServiceRequest, event: (e: Omit<RequestEvent, 'at'>) => void) => void,
    message?: RequestChange['message'],
    requireActive = true
  ): Promise<ServiceRequest> {
    let before = '';
    const events: RequestEvent[] = [];
    const updated = await this.deps.store.update(id, (request) => {
      before = request.department;
      if (requireActive && !isActive(request)) throw new HandoffConflictError(`${request.number} is already ${request.status}`);
      edit(request, (e) => {
        const full = { at: this.now().toISOString(), ...e };
        request.history.push(full);
        events.push(full);
      });
    });
    const cause = events.at(-1);
    if (before !== updated.department) this.deps.bus.publish({ type: 'removed', department: before, request: updated, cause });
    this.deps.bus.publish({ type: before !== updated.department ? 'created' : 'updated', department: updated.department, request: updated, cause, message });
    return updated;
  }
}
