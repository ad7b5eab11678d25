import type { Language } from '../content/schema';
import { stem, tokenize } from './textNormalize';

/** Settings of {@link TextFeaturizer}. */
export interface FeatureOptions {
  /** Longest word n-gram of stems (1 = unigrams, 2 = unigrams + bigrams). */
  wordNgramMax: number;
  /** Add bigrams with the sentence start and end ("^ how", "balanc $"). */
  boundaryBigrams: boolean;
  /** Shortest and longest character n-gram, taken inside each token padded as "<token>". 0 = none. */
  charNgramMin: number;
  charNgramMax: number;
  /** Terms seen in fewer training texts are dropped. */
  minDf: number;
  /** Add the unstemmed tokens as word unigrams too ("s:…"). */
  surfaceWords: boolean;
  /** Take character n-grams over the whole normalised text ("^how much$"), across word boundaries. */
  crossWordChars: boolean;
  /** Word pairs with one word in between ("k:… …"). */
  skipBigrams: boolean;
  /** Ordered stem pairs at distance 2..pairWindow ("p:… …"); 0 = none. */
  pairWindow: number;
  /**
   * Value of the two out-of-vocabulary features (share of word tokens / character n-grams not seen in
   * training) at share 1; 0 = no such features. In training a term counts as unseen when no *other*
   * training text has it (leave-one-out), so the model learns what unseen words say (e.g. "oos").
   */
  oovWeight: number;
  /** Share of the character block in the squared norm of the vector (0..1); words get the rest. */
  charWeight: number;
}

/** Defaults chosen on the CLINC150 and BANKING77 validation sets (see docs/recognizer-eval.md). */
export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = {
  wordNgramMax: 2,
  boundaryBigrams: true,
  charNgramMin: 3,
  charNgramMax: 5,
  minDf: 1,
  surfaceWords: false,
  crossWordChars: false,
  skipBigrams: false,
  pairWindow: 0,
  oovWeight: 0,
  charWeight: 0.5
};

/** A sparse vector: feature ids in ascending order with their values. */
export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

/** The terms of a text, split into the word block and the character block (with repetitions). */
export interface TextTerms {
  words: string[];
  chars: string[];
}

/**
 * Extracts the raw terms of a text: stemmed word unigrams ("w:…"), stem bigrams ("b:… …") and
 * character n-grams of the normalised tokens padded as "<token>" ("c:…"). The character n-grams
 * let German compounds share features with their parts ("urlaubsantrag" ~ "urlaub", "antrag") and
 * keep most features of a misspelt word.
 */
export function extractTerms(text: string, language: Language, options: FeatureOptions): TextTerms {
  const tokens = tokenize(text);
  const words: string[] = [];
  const chars: string[] = [];
  const stems = tokens.map((token) => stem(token, language));
  for (const s of stems) words.push('w:' + s);
  if (options.wordNgramMax >= 2) {
    for (let i = 0; i + 1 < stems.length; i++) words.push('b:' + stems[i] + ' ' + stems[i + 1]);
    if (options.boundaryBigrams && stems.length > 0) {
      words.push('b:^ ' + stems[0]);
      words.push('b:' + stems[stems.length - 1] + ' $');
    }
  }
  if (options.surfaceWords) for (const t of tokens) words.push('s:' + t);
  if (options.skipBigrams) {
    for (let i = 0; i + 2 < stems.length; i++) words.push('k:' + stems[i] + ' ' + stems[i + 2]);
  }
  for (let i = 0; i < stems.length; i++) {
    for (let j = i + 2; j < stems.length && j - i <= options.pairWindow; j++) words.push('p:' + stems[i] + ' ' + stems[j]);
  }
  if (options.wordNgramMax >= 3) {
    for (let i = 0; i + 2 < stems.length; i++) words.push('t:' + stems[i] + ' ' + stems[i + 1] + ' ' + stems[i + 2]);
  }
  if (options.charNgramMin > 0 && options.crossWordChars) {
    const padded = '<' + tokens.join(' ') + '>';
    for (let n = options.charNgramMin; n <= options.charNgramMax; n++) {
      for (let i = 0; i + n <= padded.length; i++) chars.push(padded.substring(i, i + n));
    }
  } else if (options.charNgramMin > 0) {
    for (const token of tokens) {
      const padded = '<' + token + '>';
      for (let n = options.charNgramMin; n <= options.charNgramMax; n++) {
        for (let i = 0; i + n <= padded.length; i++) chars.push(padded.substring(i, i + n));
      }
    }
  }
  return { words, chars };
}

/** The fitted state of a {@link TextFeaturizer}: vocabulary with ids, block and idf of each term. */
interface Vocabulary {
  ids: Map<string, number>;
  idf: Float32Array;
}

/**
 * A per-language TF-IDF featurizer: word unigrams + bigrams of stems and character n-grams, each
 * block with sublinear term frequency (1 + ln tf) and smoothed idf (ln((1+N)/(1+df)) + 1), blocks
 * L2-normalised and weighted by `charWeight`, the whole vector L2-normalised. Feature ids come from a
 * dictionary built by {@link fit}; terms unseen in training are ignored.
 */
export class TextFeaturizer {
  readonly options: FeatureOptions;
  private vocabulary: Vocabulary = { ids: new Map(), idf: new Float32Array(0) };

  constructor(
    readonly language: Language,
    options: Partial<FeatureOptions> = {}
  ) {
    this.options = { ...DEFAULT_FEATURE_OPTIONS, ...options };
  }

  /** Number of feature ids (the dimension of the vectors). */
  get dimension(): number {
    return this.vocabulary.idf.length + (this.options.oovWeight > 0 ? 2 : 0);
  }

  /** Builds the vocabulary and idf from training texts and returns their vectors. */
  fitTransform(texts: readonly string[]): SparseVector[] {
    const termsOfTexts = texts.map((text) => extractTerms(text, this.language, this.options));
    const df = new Map<string, number>();
    for (const terms of termsOfTexts) {
      for (const term of new Set(terms.words)) df.set(term, (df.get(term) ?? 0) + 1);
      for (const term of new Set(terms.chars)) df.set('\u0001' + term, (df.get('\u0001' + term) ?? 0) + 1);
    }
    const ids = new Map<string, number>();
    const idfValues: number[] = [];
    const n = texts.length;
    for (const [term, count] of df) {
      if (count < this.options.minDf) continue;
      ids.set(term, idfValues.length);
      idfValues.push(Math.log((1 + n) / (1 + count)) + 1);
    }
    this.vocabulary = { ids, idf: Float32Array.from(idfValues) };
    const minDf = this.options.minDf;
    const seenElsewhere = (term: string): boolean => (df.get(term) ?? 0) - 1 >= minDf;
    return termsOfTexts.map((terms) => this.vectorize(terms, seenElsewhere));
  }

  /** The vector of one text (all zero if no term is known). */
  transform(text: string): SparseVector {
    const ids = this.vocabulary.ids;
    return this.vectorize(extractTerms(text, this.language, this.options), (term) => ids.has(term));
  }

  private vectorize(terms: TextTerms, isKnown: (term: string) => boolean): SparseVector {
    const wordBlock = this.block(terms.words, '');
    const charBlock = this.block(terms.chars, '\u0001');
    const cw = this.options.charWeight;
    const wordScale = wordBlock.norm > 0 ? Math.sqrt(1 - cw) / wordBlock.norm : 0;
    const charScale = charBlock.norm > 0 ? Math.sqrt(cw) / charBlock.norm : 0;
    const entries: Array<[number, number]> = [];
    for (const [id, v] of wordBlock.weights) entries.push([id, v * wordScale]);
    for (const [id, v] of charBlock.weights) entries.push([id, v * charScale]);
    let norm = 0;
    for (const [, v] of entries) norm += v * v;
    norm = Math.sqrt(norm);
    for (const entry of entries) entry[1] = norm > 0 ? entry[1] / norm : 0;
    if (this.options.oovWeight > 0) {
      const dim = this.vocabulary.idf.length;
      const wordUnigrams = terms.words.filter((t) => t.startsWith('w:'));
      const unknownWords = wordUnigrams.filter((t) => !isKnown(t)).length;
      const unknownChars = terms.chars.filter((t) => !isKnown('\u0001' + t)).length;
      const w = this.options.oovWeight;
      if (unknownWords > 0) entries.push([dim, (w * unknownWords) / wordUnigrams.length]);
      if (unknownChars > 0) entries.push([dim + 1, (w * unknownChars) / terms.chars.length]);
    }
    entries.sort((a, b) => a[0] - b[0]);
    const indices = new Int32Array(entries.length);
    const values = new Float32Array(entries.length);
    entries.forEach(([id, v], i) => {
      indices[i] = id;
      values[i] = v;
    });
    return { indices, values };
  }

  /** Sublinear TF-IDF weights of the known terms of one block, with the block's L2 norm. */
  private block(terms: readonly string[], prefix: string): { weights: Map<number, number>; norm: number } {
    const counts = new Map<number, number>();
    const { ids, idf } = this.vocabulary;
    for (const term of terms) {
      const id = ids.get(prefix + term);
      if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    let norm = 0;
    for (const [id, tf] of counts) {
      const w = (1 + Math.log(tf)) * idf[id];
      counts.set(id, w);
      norm += w * w;
    }
    return { weights: counts, norm: Math.sqrt(norm) };
  }
}
