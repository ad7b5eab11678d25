import type { ConversationReference } from 'botbuilder';
import type { Language } from '../content/schema';

/** `waiting`: a task of a multi-department request whose preceding tasks are not done yet. */
export type RequestStatus = 'waiting' | 'open' | 'in_progress' | 'resolved' | 'cancelled';

/** Why a request was opened. */
export type RequestSource = 'out_of_scope' | 'human' | 'not_helpful' | 'always_human' | 'it_problem_report' | 'value_stream';

/** One line of the conversation: with the bot before the handoff, with staff after it. */
export interface TranscriptLine {
  from: 'user' | 'bot' | 'staff';
  text: string;
  at: string;
  /** The staff member's name, for staff lines. */
  by?: string;
}

/** Who asked, and where to reach them again (the reference allows proactive messages). */
export interface Requester {
  userId: string;
  name?: string;
  channelId: string;
  conversationId: string;
  reference?: Partial<ConversationReference>;
}

export type RequestEventType = 'created' | 'released' | 'claimed' | 'message' | 'transferred' | 'resolved' | 'handed_back' | 'cancelled' | 'rated';

/** An event in a request's life, with its time, so response and resolution times can be computed. */
export interface RequestEvent {
  at: string;
  type: RequestEventType;
  by?: string;
  note?: string;
  /** For transfers: the departments involved. */
  from?: string;
  to?: string;
}

/** A staff member who works on a request. */
export interface Assignee {
  username: string;
  name: string;
}

/** A request in a department's queue. */
export interface ServiceRequest {
  id: string;
  /** What the employee is told, e.g. "IT-1001". */
  number: string;
  department: string;
  status: RequestStatus;
  source: RequestSource;
  language: Language;
  requester: Requester;
  subject: string;
  details: Record<string, string>;
  transcript: TranscriptLine[];
  history: RequestEvent[];
  assignee?: Assignee;
  /** The request type (e.g. "onboarding"); absent for plain handoffs. */
  type?: string;
  /** Targets of this request type, in business minutes; the department's targets apply otherwise. */
  targets?: { firstResponseMinutes: number; resolutionMinutes: number };
  /** For a task of a multi-department request: the case it belongs to, its key and the tasks it waits for. */
  caseId?: string;
  taskKey?: string;
  dependsOn?: string[];
  /** The employee's answers to "was it solved?" and the 1–5 rating. */
  feedback?: { solved?: boolean; rating?: number };
  createdAt: string;
  updatedAt: string;
  firstResponseAt?: string;
  resolvedAt?: string;
}

export type NewServiceRequest = Pick<ServiceRequest, 'department' | 'source' | 'language' | 'requester' | 'subject' | 'details' | 'transcript'> &
  Partial<Pick<ServiceRequest, 'type' | 'targets' | 'caseId' | 'taskKey' | 'dependsOn' | 'status'>>;

/** True while staff may still work on the request (a waiting task is not workable yet). */
export function isActive(request: ServiceRequest): boolean {
  return request.status === 'open' || request.status === 'in_progress';
}

/**
 * Where requests and department queues live. The default is lowdb files; several bot instances
 * behind a load balancer need a shared implementation (e.g. PostgreSQL) behind the same interface.
 */
export interface RequestStore {
  /** Stores a new open request and gives it its number. */
  create(request: NewServiceRequest): Promise<ServiceRequest>;
  get(id: string): Promise<ServiceRequest | undefined>;
  /**
   * Changes one request atomically: `change` gets the current version and edits it in place (it may
   * throw to refuse the change). A changed `department` moves the request to that queue.
   */
  update(id: string, change: (request: ServiceRequest) => void): Promise<ServiceRequest>;
  /** A department's queue, oldest first. */
  listByDepartment(department: string): Promise<ServiceRequest[]>;
  /** A requester's requests, newest first. */
  listByRequester(userId: string): Promise<ServiceRequest[]>;
  /** Every request, oldest first (reports and metrics). */
  listAll(): Promise<ServiceRequest[]>;
}
