import Fuse from 'fuse.js';

/** A word of the message that matched a known word, with a quality in (0,1]. */
export interface FuzzyMatch {
  token: string;
  term: string;
  quality: number;
}

const MIN_FUZZY_LENGTH = 4;
const MAX_LENGTH_DIFFERENCE = 2;
const FUSE_THRESHOLD = 0.3;

/**
 * The words of the knowledge base (FAQ questions, phrasings, keywords), searchable with fuse.js so
 * that misspelt words ("pasword", "urlaubsantrg") still find the word they meant.
 *
 * fuse.js is slow when given long texts or large lists, so it only ever sees one word at a time, only
 * words that are not known exactly, and only the known words of about the same length (one small
 * index per word length).
 */
export class FuzzyVocabulary {
  private readonly known: Set<string>;
  private readonly byLength = new Map<number, Fuse<string>>();

  /** @param terms normalised words (see normalizeText); duplicates are fine. */
  constructor(terms: Iterable<string>) {
    this.known = new Set([...terms].filter((term) => term.length > 0));
    const buckets = new Map<number, string[]>();
    for (const term of this.known) {
      if (term.length < MIN_FUZZY_LENGTH) continue;
      const bucket = buckets.get(term.length) ?? [];
      bucket.push(term);
      buckets.set(term.length, bucket);
    }
    for (const [length, words] of buckets) {
      this.byLength.set(length, new Fuse(words, { includeScore: true, threshold: FUSE_THRESHOLD, ignoreLocation: true }));
    }
  }

  /** True when the normalised token is a known word. */
  has(token: string): boolean {
    return this.known.has(token);
  }

  /** The best known word for a token: itself when known, else the closest fuzzy match, else null. */
  match(token: string): FuzzyMatch | null {
    if (this.known.has(token)) return { token, term: token, quality: 1 };
    if (token.length < MIN_FUZZY_LENGTH + 1 || /^[0-9]+$/.test(token)) return null;
    let best: FuzzyMatch | null = null;
    for (let length = token.length - MAX_LENGTH_DIFFERENCE; length <= token.length + MAX_LENGTH_DIFFERENCE; length++) {
      const hit = this.byLength.get(length)?.search(token, { limit: 1 })[0];
      if (!hit) continue;
      const quality = 1 - (hit.score ?? 1);
      if (!best || quality > best.quality) best = { token, term: hit.item, quality };
    }
    return best;
  }

  /** Fuzzy matches for the tokens that are not known words; known tokens are left out. */
  corrections(tokens: readonly string[]): FuzzyMatch[] {
    const found: FuzzyMatch[] = [];
    for (const token of tokens) {
      if (this.known.has(token)) continue;
      const match = this.match(token);
      if (match) found.push(match);
    }
    return found;
  }
}
