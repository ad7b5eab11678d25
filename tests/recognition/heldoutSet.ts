import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Language } from '../../bot/content/schema';
import type { MessageRecognizer } from '../../bot/nlu/recognizer';

/** One labelled employee question that is never used for training. */
export interface HeldOutItem {
  text: string;
  /** FAQ id, intent id, or "oos". */
  expected: string;
  department: string;
}

export function loadHeldOut(language: Language): HeldOutItem[] {
  return JSON.parse(readFileSync(path.join(__dirname, '..', 'heldout', `${language}.json`), 'utf8'));
}

/** What the bot would do with a message, reduced to one label: the top id, or "oos". */
export function predictedLabel(recognizer: MessageRecognizer, text: string, language: Language): string {
  const recognition = recognizer.recognize(text, language);
  return recognition.decision === 'out_of_scope' || !recognition.top ? 'oos' : recognition.top.id;
}

export interface HeldOutScore {
  total: number;
  /** Top-1 label (or "oos") equals the expected label. */
  accuracy: number;
  /** The bot answers with the expected entry, or offers it among its did-you-mean choices. */
  reachable: number;
  misses: Array<{ text: string; expected: string; predicted: string }>;
}

export function scoreHeldOut(recognizer: MessageRecognizer, items: HeldOutItem[], language: Language): HeldOutScore {
  let correct = 0;
  let reachable = 0;
  const misses: HeldOutScore['misses'] = [];
  for (const item of items) {
    const recognition = recognizer.recognize(item.text, language);
    const predicted = recognition.decision === 'out_of_scope' || !recognition.top ? 'oos' : recognition.top.id;
    if (predicted === item.expected) correct += 1;
    else misses.push({ text: item.text, expected: item.expected, predicted });
    const offered = recognition.decision === 'disambiguate' || recognition.decision === 'clarify' ? recognition.candidates.slice(0, 3).map((c) => c.id) : [predicted];
    if (offered.includes(item.expected) || (item.expected === 'oos' && predicted === 'oos')) reachable += 1;
  }
  return { total: items.length, accuracy: correct / items.length, reachable: reachable / items.length, misses };
}
