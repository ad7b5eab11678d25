import { LANGUAGES, type Language } from '../content/schema';

/** A detected language with the posterior probability the detector gives it. */
export interface DetectedLanguage {
  language: Language;
  confidence: number;
}

const MAX_GRAM = 3;

/**
 * Character n-gram naive Bayes over German and English, trained from the bot's own content.
 *
 * Umlauts and ß are kept (they are strong evidence for German). Short or mixed messages ("VPN",
 * "ok") get a low confidence; the caller then keeps the language it already knows for the user.
 */
export class LanguageDetector {
  /** Per n-gram: log P(gram | first language) − log P(gram | second language). */
  private readonly logRatio = new Map<string, number>();
  /** The same for an n-gram neither language has seen. */
  private readonly unseenRatio: number;

  /** @param samples texts per language, e.g. FAQ questions, answers and intent utterances. */
  constructor(samples: Record<Language, readonly string[]>) {
    const counts = LANGUAGES.map(() => new Map<string, number>());
    const vocabulary = new Set<string>();
    LANGUAGES.forEach((language, l) => {
      for (const text of samples[language]) {
        for (const gram of grams(text)) {
          counts[l].set(gram, (counts[l].get(gram) ?? 0) + 1);
          vocabulary.add(gram);
        }
      }
    });
    // Laplace-smoothed log probabilities; only their difference decides, so only that is kept.
    const denominators = counts.map((table) => {
      let total = 0;
      for (const count of table.values()) total += count;
      return Math.log(total + vocabulary.size);
    });
    const logProb = (l: number, gram: string) => Math.log((counts[l].get(gram) ?? 0) + 1) - denominators[l];
    for (const gram of vocabulary) this.logRatio.set(gram, logProb(0, gram) - logProb(1, gram));
    this.unseenRatio = denominators[1] - denominators[0];
  }

  /** The likelier language of `text` and its posterior; confidence 0.5 when there is no evidence. */
  detect(text: string): DetectedLanguage {
    let ratio = 0;
    for (const gram of grams(text)) ratio += this.logRatio.get(gram) ?? this.unseenRatio;
    const best = ratio >= 0 ? 0 : 1;
    // Naive Bayes over overlapping n-grams is overconfident; dividing by the n-gram order tempers it.
    const margin = Math.abs(ratio) / MAX_GRAM;
    return { language: LANGUAGES[best], confidence: 1 / (1 + Math.exp(-Math.min(margin, 50))) };
  }
}

/** Character 1- to 3-grams of each word, padded with a space on both sides. */
function grams(text: string): string[] {
  const result: string[] = [];
  for (const word of text.toLowerCase().split(/[^\p{L}]+/u)) {
    if (!word) continue;
    const padded = ` ${word} `;
    for (let n = 1; n <= MAX_GRAM; n++) {
      for (let i = 0; i + n <= padded.length; i++) result.push(padded.slice(i, i + n));
    }
  }
  return result;
}
