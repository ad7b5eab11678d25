import type { Language } from '../content/schema';

export type RequestStatus = 'open' | 'in_progress' | 'resolved' | 'cancelled';

/** Why a request was opened. */
export type RequestSource = 'out_of_scope' | 'human' | 'not_helpful' | 'it_problem_report';

/** One line of the conversation that led to a request. */
export interface TranscriptLine {
  from: 'user' | 'bot' | 'staff';
  text: string;
  at: string;
}

/** Who asked, and where to reach them again. */
export interface Requester {
  userId: string;
  name?: string;
  channelId: string;
  conversationId: string;
}

/** An event in a request's life, with its time, so response and resolution times can be computed. */
export interface RequestEvent {
  at: string;
  type: 'created' | 'claimed' | 'message' | 'transferred' | 'resolved' | 'cancelled' | 'rated';
  by?: string;
  note?: string;
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
  createdAt: string;
  updatedAt: string;
}

export type NewServiceRequest = Pick<ServiceRequest, 'department' | 'source' | 'language' | 'requester' | 'subject' | 'details' | 'transcript'>;

/**
 * Where requests and department queues live. The default is lowdb files; several bot instances
 * behind a load balancer need a shared implementation (e.g. PostgreSQL) behind the same interface.
 */
export interface RequestStore {
  /** Stores a new open request and gives it its number. */
  create(request: NewServiceRequest): Promise<ServiceRequest>;
  get(id: string): Promise<ServiceRequest | undefined>;
  /** A department's queue, oldest first. */
  listByDepartment(department: string): Promise<ServiceRequest[]>;
  /** A requester's requests, newest first. */
  listByRequester(userId: string): Promise<ServiceRequest[]>;
}
