import type { TurnContext } from 'botbuilder';
import type { Language } from '../bot/content/schema';
import type { Recognition } from '../bot/nlu/recognizer';

const RECOGNITION_KEY = Symbol('anlaufstelle.recognition');
const QUIET_KEY = Symbol('anlaufstelle.quiet');

/** Stores the recognition of the current message for the dialogs of this turn. */
export function setTurnRecognition(context: TurnContext, recognition: Recognition): void {
  context.turnState.set(RECOGNITION_KEY, recognition);
}

/** The recognition of the current message, set by the bot before the dialogs run. */
export function turnRecognition(context: TurnContext): Recognition {
  const recognition = context.turnState.get(RECOGNITION_KEY) as Recognition | undefined;
  if (!recognition) throw new Error('No recognition for this turn: the bot must recognize a message before running dialogs.');
  return recognition;
}

/** The language to answer in this turn. */
export function turnLanguage(context: TurnContext): Language {
  return turnRecognition(context).language;
}

/** The bot says nothing in this turn on purpose: the message was relayed to the staff handling the request. */
export function markQuietTurn(context: TurnContext): void {
  context.turnState.set(QUIET_KEY, true);
}

/** True when the turn was marked quiet (see {@link markQuietTurn}). */
export function isQuietTurn(context: TurnContext): boolean {
  return context.turnState.get(QUIET_KEY) === true;
}
