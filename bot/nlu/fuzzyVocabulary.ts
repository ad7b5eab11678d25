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
/** fuse.js splits longer patterns into chunks; the bigram filter below is only exact for one chunk. */
const MAX_FILTERED_LENGTH = 32;
const FUSE_OPTIONS = { includeScore: true, threshold: FUSE_THRESHOLD, ignoreLocation: true } as const;

/**
 * The words of the knowledge base (FAQ questions, phrasings, keywords), searchable with fuse.js so
 * that misspelt words ("pasword", "urlaubsantrg") still find the word they meant.
 *
 * fuse.js is slow when given long texts or large lists, so it only ever sees one word at a time, only
 * words that are not known exactly, only known words of about the same length, and among those only
 * the words that can still be within fuse's threshold: with the threshold of 0.3 a word of length m
 * may differ in at most k = ⌊0.3·m⌋ edits, and k edits destroy at most 2k of its m−1 character
 * bigrams, so a known word that shares fewer than m−1−2k of the token's bigram positions cannot
 * match (the q-gram lemma). The filter leaves fuse's result unchanged and spares it most words.
 */
export class FuzzyVocabulary {
  private readonly known: Set<string>;
  /** Words of at least MIN_FUZZY_LENGTH letters, in first-seen order; an index is a word id. */
  private readonly words: string[] = [];
  /** Character bigram → ids of the words containing it, ascending. */
  private readonly bigrams = new Map<string, number[]>();
  /** Per word length, its words in first-seen order (for tokens the filter cannot handle). */
  private readonly byLength = new Map<number, string[]>();
  /** Scratch counters, one per word, reset after each search. */
  private readonly shared: Uint16Array;

  /** @param terms normalised words (see normalizeText); duplicates are fine. */
  constructor(terms: Iterable<string>) {
    this.known = new Set([...terms].filter((term) => term.length > 0));
    for (const term of this.known) {
      if (term.length < MIN_FUZZY_LENGTH) continue;
      const id = this.words.push(term) - 1;
      const bucket = this.byLength.get(term.length) ?? [];
      bucket.push(term);
      this.byLength.set(term.length, bucket);
      for (const bigram of new Set(bigramsOf(term))) {
        const ids = this.bigrams.get(bigram) ?? [];
        ids.push(id);
        this.bigrams.set(bigram, ids);
      }
    }
    this.shared = new Uint16Array(this.words.length);
  }

  /** True when the normalised token is a known word. */
  has(token: string): boolean {
    return this.known.has(token);
  }

  /** The best known word for a token: itself when known, else the closest fuzzy match, else null. */
  match(token: string): FuzzyMatch | null {
    if (this.known.has(token)) return { token, term: token, quality: 1 };
    if (token.length < MIN_FUZZY_LENGTH + 1 || /^[0-9]+$/.test(token)) return null;
    const candidates = this.candidates(token);
    let best: FuzzyMatch | null = null;
    for (let length = token.length - MAX_LENGTH_DIFFERENCE; length <= token.length + MAX_LENGTH_DIFFERENCE; length++) {
      const words = candidates.get(length);
      if (!words?.length) continue;
      const hit = new Fuse(words, FUSE_OPTIONS).search(token, { limit: 1 })[0];
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

  /** Known words of a similar length that can be within fuse's threshold of `token`, by length, in first-seen order. */
  private candidates(token: string): Map<number, string[]> {
    const m = token.length;
    const required = m - 1 - 2 * maxEdits(m);
    const result = new Map<number, string[]>();
    if (m > MAX_FILTERED_LENGTH || required <= 0) {
      for (let length = m - MAX_LENGTH_DIFFERENCE; length <= m + MAX_LENGTH_DIFFERENCE; length++) {
        result.set(length, this.byLength.get(length) ?? []);
      }
      return result;
    }
    const touched: number[] = [];
    for (const bigram of bigramsOf(token)) {
      for (const id of this.bigrams.get(bigram) ?? []) {
        if (Math.abs(this.words[id].length - m) > MAX_LENGTH_DIFFERENCE) continue;
        if (this.shared[id]++ === 0) touched.push(id);
      }
    }
    touched.sort((a, b) => a - b);
    for (const id of touched) {
      if (this.shared[id] >= required) {
        const word = this.words[id];
        const list = result.get(word.length) ?? [];
        list.push(word);
        result.set(word.length, list);
      }
      this.shared[id] = 0;
    }
    return result;
  }
}

/** The most edits fuse.js accepts for a pattern of length m: the largest k with k/m ≤ the threshold. */
function maxEdits(m: number): number {
  let k = 0;
  while ((k + 1) / m <= FUSE_THRESHOLD) k++;
  return k;
}

/** The character bigrams of a word, one per position (repeats included). */
function bigramsOf(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < word.length; i++) out.push(word.slice(i, i + 2));
  return out;
}
