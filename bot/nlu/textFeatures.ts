import type { Language } from '../content/schema';
import { stem, tokenize } from './textNormalize';

// Hot loops call these millions of times; a module constant avoids a property lookup on Math each
// time, which is very slow inside jest's sandboxed globals (training took 14 s there instead of 2 s).
const { log, sqrt } = Math;

/** Settings of {@link TextFeaturizer}. */
export interface FeatureOptions {
  /** Longest word n-gram of stems: 1 = unigrams, 2 = unigrams + bigrams. */
  wordNgramMax: 1 | 2;
  /** Add bigrams with the sentence start and end ("^ how", "balanc $"); needs wordNgramMax 2. */
  boundaryBigrams: boolean;
  /** Shortest and longest character n-gram, taken inside each token padded as "<token>"; 0 = none. */
  charNgramMin: number;
  charNgramMax: number;
  /** Terms seen in fewer training texts are dropped. */
  minDf: number;
  /** Share of the character block in the squared norm of a vector (0..1); the word block gets the rest. */
  charWeight: number;
}

/** Defaults chosen on the CLINC150 validation set (see docs/recognizer-eval.md). */
export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = {
  wordNgramMax: 2,
  boundaryBigrams: true,
  charNgramMin: 2,
  charNgramMax: 4,
  minDf: 1,
  charWeight: 0.3
};

/** A sparse vector: feature ids in ascending order with their values. */
export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

/** The terms of a text (with repetitions), split into the word block and the character block. */
export interface TextTerms {
  words: string[];
  chars: string[];
}

/**
 * Extracts the raw terms of a text: stemmed word unigrams ("w:…"), stem bigrams ("b:… …") and
 * character n-grams of the normalised tokens padded as "<token>". The character n-grams let German
 * compounds share features with their parts ("urlaubsantrag" ~ "urlaub", "antrag") and keep most
 * features of a misspelt word.
 */
export function extractTerms(text: string, language: Language, options: FeatureOptions): TextTerms {
  const tokens = tokenize(text);
  const stems = tokens.map((token) => stem(token, language));
  const words = stems.map((s) => 'w:' + s);
  if (options.wordNgramMax >= 2) {
    for (let i = 0; i + 1 < stems.length; i++) words.push('b:' + stems[i] + ' ' + stems[i + 1]);
    if (options.boundaryBigrams && stems.length > 0) {
      words.push('b:^ ' + stems[0]);
      words.push('b:' + stems[stems.length - 1] + ' $');
    }
  }
  const chars: string[] = [];
  if (options.charNgramMin > 0) {
    for (const token of tokens) {
      const padded = '<' + token + '>';
      for (let n = options.charNgramMin; n <= options.charNgramMax; n++) {
        for (let i = 0; i + n <= padded.length; i++) chars.push(padded.substring(i, i + n));
      }
    }
  }
  return { words, chars };
}

/** What a fitted {@link TextFeaturizer} knows: its dictionaries and idf (structured-cloneable, for worker threads). */
export interface FeaturizerState {
  wordIds: Map<string, number>;
  charIds: Map<string, number>;
  idf: Float32Array<ArrayBuffer>;
  isChar: Uint8Array<ArrayBuffer>;
}

/**
 * A per-language TF-IDF featurizer over the terms of {@link extractTerms}: sublinear term frequency
 * (1 + ln tf), smoothed idf (ln((1+N)/(1+df)) + 1), the word block and the character block each
 * L2-normalised and weighted by `charWeight`, the whole vector L2-normalised. Feature ids come from a
 * dictionary built by {@link fitTransform}; terms not seen in training are ignored.
 */
export class TextFeaturizer {
  readonly options: FeatureOptions;
  private wordIds = new Map<string, number>();
  private charIds = new Map<string, number>();
  private idf = new Float32Array(0);
  /** 1 for ids of character n-grams, 0 for word terms. */
  private isChar = new Uint8Array(0);
  /** Scratch space for the ids of one text, reused to keep classification free of garbage. */
  private scratch = new Int32Array(512);

  constructor(
    readonly language: Language,
    options: Partial<FeatureOptions> = {}
  ) {
    this.options = { ...DEFAULT_FEATURE_OPTIONS, ...options };
  }

  /** Number of feature ids (the dimension of the vectors). */
  get dimension(): number {
    return this.idf.length;
  }

  /** The fitted dictionaries and idf, to be restored with {@link restore} (e.g. in another thread). */
  exportState(): FeaturizerState {
    return { wordIds: this.wordIds, charIds: this.charIds, idf: this.idf, isChar: this.isChar };
  }

  /** Takes over the state of a featurizer fitted with the same language and options. */
  restore(state: FeaturizerState): this {
    this.wordIds = state.wordIds;
    this.charIds = state.charIds;
    this.idf = state.idf;
    this.isChar = state.isChar;
    return this;
  }

  /** Builds the vocabulary and idf from training texts and returns their vectors. */
  fitTransform(texts: readonly string[]): SparseVector[] {
    const termsOfTexts = texts.map((text) => extractTerms(text, this.language, this.options));
    const wordDf = new Map<string, number>();
    const charDf = new Map<string, number>();
    for (const terms of termsOfTexts) {
      for (const term of new Set(terms.words)) wordDf.set(term, (wordDf.get(term) ?? 0) + 1);
      for (const gram of new Set(terms.chars)) charDf.set(gram, (charDf.get(gram) ?? 0) + 1);
    }
    const idf: number[] = [];
    const isChar: number[] = [];
    const assign = (df: Map<string, number>, ids: Map<string, number>, char: number) => {
      ids.clear();
      for (const [term, count] of df) {
        if (count < this.options.minDf) continue;
        ids.set(term, idf.length);
        idf.push(log((1 + texts.length) / (1 + count)) + 1);
        isChar.push(char);
      }
    };
    assign(wordDf, this.wordIds, 0);
    assign(charDf, this.charIds, 1);
    this.idf = Float32Array.from(idf);
    this.isChar = Uint8Array.from(isChar);
    return termsOfTexts.map((terms) => this.vectorize(terms));
  }

  /** The vector of one text (empty if no term is known). */
  transform(text: string): SparseVector {
    return this.vectorize(extractTerms(text, this.language, this.options));
  }

  private vectorize(terms: TextTerms): SparseVector {
    // Known ids of all terms, sorted, so that equal ids form runs (their term frequency).
    const total = terms.words.length + terms.chars.length;
    if (this.scratch.length < total) this.scratch = new Int32Array(2 * total);
    const ids = this.scratch;
    let n = 0;
    for (const term of terms.words) {
      const id = this.wordIds.get(term);
      if (id !== undefined) ids[n++] = id;
    }
    for (const gram of terms.chars) {
      const id = this.charIds.get(gram);
      if (id !== undefined) ids[n++] = id;
    }
    const sorted = ids.subarray(0, n).sort();
    let unique = 0;
    for (let k = 0; k < n; k++) if (k === 0 || sorted[k] !== sorted[k - 1]) unique++;
    const indices = new Int32Array(unique);
    const values = new Float32Array(unique);
    const blockNormSq = [0, 0];
    for (let k = 0, u = -1; k < n; k++) {
      if (k === 0 || sorted[k] !== sorted[k - 1]) indices[++u] = sorted[k];
      values[u] += 1;
    }
    for (let u = 0; u < unique; u++) {
      const w = (1 + log(values[u])) * this.idf[indices[u]];
      values[u] = w;
      blockNormSq[this.isChar[indices[u]]] += w * w;
    }
    const cw = this.options.charWeight;
    const scale = [
      blockNormSq[0] > 0 ? sqrt((1 - cw) / blockNormSq[0]) : 0,
      blockNormSq[1] > 0 ? sqrt(cw / blockNormSq[1]) : 0
    ];
    let normSq = 0;
    for (let u = 0; u < unique; u++) {
      const v = values[u] * scale[this.isChar[indices[u]]];
      values[u] = v;
      normSq += v * v;
    }
    const norm = sqrt(normSq);
    if (norm > 0) for (let u = 0; u < unique; u++) values[u] /= norm;
    return { indices, values };
  }
}
