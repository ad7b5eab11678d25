import type { Recognition } from '../bot/nlu/recognizer';
import { isPlainYesNo } from './choices';

/** Longer messages that merely mention "help" or "stop" are answers, not interruptions. */
const MAX_INTERRUPTION_WORDS = 4;

/** True when the message is a short, confident "cancel" or "help" (the given intent). */
export function isInterruption(recognition: Recognition, intent: 'cancel' | 'help'): boolean {
  const { top } = recognition;
  const words = recognition.text.trim().split(/\s+/).length;
  // "nein" answers the question on screen; it does not cancel it.
  if (isPlainYesNo(recognition.text)) return false;
  return !!top && top.kind === 'intent' && top.id === intent && recognition.decision === 'answer' && words <= MAX_INTERRUPTION_WORDS;
}
