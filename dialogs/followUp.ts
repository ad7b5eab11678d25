import type { Candidate, Recognition } from '../bot/nlu/recognizer';

/** What a clarifying dialog hands back to the main dialog: act on a candidate, offer choices, or offer to forward. */
export type FollowUp =
  | { action: 'handle'; candidate: Candidate }
  | { action: 'disambiguate'; candidates: Candidate[]; department: string | null }
  | { action: 'forward'; department: string | null }
  | { action: 'none' };

/** The follow-up a fresh recognition calls for, once the bot has already asked back once. */
export function followUpAfterAsking(recognition: Recognition, fallbackDepartment: string | null): FollowUp {
  const department = recognition.department?.id ?? fallbackDepartment;
  if (recognition.decision === 'answer' && recognition.top) return { action: 'handle', candidate: recognition.top };
  if (recognition.decision === 'disambiguate') return { action: 'disambiguate', candidates: recognition.candidates, department };
  return { action: 'forward', department };
}
