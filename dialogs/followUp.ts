import type { Candidate, Recognition } from '../bot/nlu/recognizer';

/** Why the bot offers to forward a request to a department. */
export type ForwardReason = 'out_of_scope' | 'human' | 'not_helpful';

/**
 * What the main dialog does next. Child dialogs end with one, and the main dialog starts over with
 * it, so every path (answer, did-you-mean, asking back, forwarding) is handled in one place.
 */
export type FollowUp =
  | { action: 'handle'; candidate: Candidate }
  | { action: 'disambiguate'; candidates: Candidate[]; department: string | null; question: string }
  | { action: 'clarify'; candidate: Candidate | null; department: string | null; question: string }
  | { action: 'forward'; reason: ForwardReason; department: string | null; question?: string }
  /** Start a dialog by id (proactive turns: relay staff messages, satisfaction survey). */
  | { action: 'begin'; dialogId: string; options: object }
  /** Treat the current message as a new one (e.g. a question typed instead of feedback). */
  | { action: 'reroute' }
  | { action: 'none' };

/** The follow-up a recognition calls for. */
export function followUpFor(recognition: Recognition): FollowUp {
  const department = recognition.department?.id ?? null;
  switch (recognition.decision) {
    case 'answer':
      return { action: 'handle', candidate: recognition.top! };
    case 'disambiguate':
      return { action: 'disambiguate', candidates: recognition.candidates, department, question: recognition.text };
    case 'clarify':
      return { action: 'clarify', candidate: recognition.top, department, question: recognition.text };
    case 'out_of_scope':
      return { action: 'forward', reason: 'out_of_scope', department };
  }
}

/**
 * The follow-up once the bot has already asked back once: it does not ask back a second time, and a
 * request it forwards carries the employee's original question.
 */
export function followUpAfterAsking(recognition: Recognition, fallbackDepartment: string | null, question: string): FollowUp {
  const next = followUpFor(recognition);
  if (next.action === 'clarify' || next.action === 'forward') {
    return { action: 'forward', reason: 'out_of_scope', department: recognition.department?.id ?? fallbackDepartment, question };
  }
  if (next.action === 'disambiguate') return { ...next, question };
  return next;
}
