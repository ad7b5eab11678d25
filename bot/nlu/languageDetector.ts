import { LANGUAGES, type Language } from '../content/schema';

/** A detected language with the posterior probability the detector gives it. */
export interface DetectedLanguage {
  language: Language;
  confidence: number;
}

const MAX_GRAM = 3;
/** The n-gram posterior a message needs before it can count as written in a language. */
const CLEAR_CONFIDENCE = 0.9;
/** A sentence: at least this many words. One- or two-word answers ("mittel", "Max Mustermann") never are. */
const SENTENCE_WORDS = 3;
/** Words found only in one language's texts, at least this many of them, and twice as many as the other's. */
const CLEAR_WORDS = 2;

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
  /** Per language, the words that occur in its texts and not in the other's. */
  private readonly ownWords: Array<Set<string>>;

  /** @param samples texts per language, e.g. FAQ questions, answers and intent utterances. */
  constructor(samples: Record<Language, readonly string[]>) {
    const counts = LANGUAGES.map(() => new Map<string, number>());
    const vocabulary = new Set<string>();
    const wordsOf = LANGUAGES.map((language) => new Set(samples[language].flatMap(words)));
    this.ownWords = wordsOf.map((own, l) => new Set([...own].filter((word) => !wordsOf[1 - l].has(word))));
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

  /**
   * The language `text` is clearly written in, or null: a sentence of at least three words that the
   * n-gram model assigns with confidence and whose words back it up (at least two words known only
   * from that language's texts, twice as many as the other's). Names, numbers, product words shared
   * by both languages ("Laptop", "Facility Management") and short answers say nothing, so a button
   * title such as "Ja, an Facility Management" or a name such as "Jean-Pierre van der Berg" is not
   * taken for English or German.
   */
  clearLanguage(text: string): Language | null {
    const all = words(text);
    if (all.length < SENTENCE_WORDS) return null;
    const detected = this.detect(text);
    if (detected.confidence < CLEAR_CONFIDENCE) return null;
    const l = LANGUAGES.indexOf(detected.language);
    const own = all.filter((word) => this.ownWords[l].has(word)).length;
    const other = all.filter((word) => this.ownWords[1 - l].has(word)).length;
    return own >= CLEAR_WORDS && own >= 2 * other ? detected.language : null;
  }
}

/** The words of a text, lower case, letters only. */
function words(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}]+/u).filter(Boolean);
}

/** Character 1- to 3-grams of each word, padded with a space on both sides. */
function grams(text: string): string[] {
  const result: string[] = [];
  for (const word of words(text)) {
    const padded = ` ${word} `;
    for (let n = 1; n <= MAX_GRAM; n++) {
      for (let i = 0; i + n <= padded.length; i++) result.push(padded.slice(i, i + n));
    }
  }
  return result;
}
