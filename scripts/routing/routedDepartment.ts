import type { Recognition } from '../../bot/nlu/recognizer';
import { NO_DEPARTMENT } from './routingSet';

/**
 * The department the bot routes a message to, read from its recognition the way the dialogs act on it
 * (dialogs/mainDialog.ts, dialogs/followUp.ts):
 *
 * - decision `answer` on a FAQ entry: the entry's department (the answer comes from it, and "did not
 *   help" forwards to it);
 * - decision `answer` on an intent: "I want a person" (`human`) forwards to the recognized department;
 *   an intent with its own department (`it_problem_report` → it) files there; small talk (greeting,
 *   thanks, help, …) routes nowhere: {@link NO_DEPARTMENT};
 * - every other decision (did-you-mean, ask back, out of scope): the bot offers to forward to
 *   `recognition.department` when it is set, and otherwise asks the employee to pick: {@link NO_DEPARTMENT}.
 *
 * So "none" means: the bot names no department for this message.
 */
export function routedDepartment(recognition: Recognition): string {
  const { decision, top, department } = recognition;
  if (decision === 'answer' && top) {
    const routed = top.id === 'human' ? department?.id : top.department;
    return routed ?? NO_DEPARTMENT;
  }
  return department?.id ?? NO_DEPARTMENT;
}

/** The simpler reading: the router's department guess alone (`recognition.department`), ignoring the decision. */
export function guessedDepartment(recognition: Recognition): string {
  return recognition.department?.id ?? NO_DEPARTMENT;
}
