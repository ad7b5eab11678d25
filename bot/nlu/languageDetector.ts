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
  private readonly logProb: Record<Language, Map<string, number>>;
  private readonly unseen: Record<Language, number>;

  /** @param samples texts per language, e.g. FAQ questions, answers and intent utterances. */
  constructor(samples: Record<Language, readonly string[]>) {
    this.logProb = {} as Record<Language, Map<string, number>>;
    this.unseen = {} as Record<Language, number>;
    const counts = {} as Record<Language, Map<string, number>>;
    const vocabulary = new Set<string>();
    for (const language of LANGUAGES) {
      counts[language] = new Map();
      for (const text of samples[language]) {
        for (const gram of grams(text)) {
          counts[language].set(gram, (counts[language].get(gram) ?? 0) + 1);
          vocabulary.add(gram);
        }
      }
    }
    for (const language of LANGUAGES) {
      let total = 0;
      for (const count of counts[language].values()) total += count;
      const denominator = Math.log(total + vocabulary.size);
      const table = new Map<string, number>();
      for (const [gram, count] of counts[language]) table.set(gram, Math.log(count + 1) - denominator);
      this.logProb[language] = table;
      this.unseen[language] = -denominator;
    }
  }

  /** The likelier language of `text` and its posterior; confidence 0.5 when there is no evidence. */
  detect(text: string): DetectedLanguage {
    const scores = LANGUAGES.map((language) => {
      let sum = 0;
      for (const gram of grams(text)) sum += this.logProb[language].get(gram) ?? this.unseen[language];
      return sum;
    });
    const best = scores[0] >= scores[1] ? 0 : 1;
    // Naive Bayes over overlapping n-grams is overconfident; dividing by the n-gram order tempers it.
    const margin = (scores[best] - scores[1 - best]) / MAX_GRAM;
    return { language: LANGUAGES[best], confidence: 1 / (1 + Math.exp(-Math.min(margin, 50))) };
  }
}

function* grams(text: string): Generator<string> {
  for (const word of text.toLowerCase().split(/[^\p{L}]+/u)) {
    if (!word) continue;
    const padded = ` ${word} `;
    for (let n = 1; n <= MAX_GRAM; n++) {
      for (let i = 0; i + n <= padded.length; i++) yield padded.slice(i, i + n);
    }
  }
}
