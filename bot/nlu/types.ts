import type { Language } from '../content/schema';

/** A text with its label, e.g. an utterance with its intent id or FAQ id. */
export interface LabelledText {
  text: string;
  label: string;
}

/** A label with a calibrated score in [0,1]; a classifier's scores for one text sum to at most 1. */
export interface ScoredLabel {
  label: string;
  score: number;
}

/** Progress of a long training run, reported as a fraction in [0,1]. */
export type ProgressListener = (fraction: number, message?: string) => void;

/**
 * A trainable text classifier for one language. The bot trains one per language at start-up from
 * `intents/<lang>/` and `knowledge/<lang>/`; `npm run eval` trains the same class on public datasets.
 */
export interface IntentClassifier {
  readonly language: Language;
  /** Replaces any earlier model with one trained on `examples`. */
  train(examples: readonly LabelledText[], onProgress?: ProgressListener): void;
  /** The `top` best labels, best first, with calibrated probabilities. */
  classify(text: string, top?: number): ScoredLabel[];
  /** The labels the model knows, in training order. */
  readonly labels: readonly string[];
}

/** The label of out-of-scope examples in training data and of out-of-scope decisions. */
export const OUT_OF_SCOPE = 'oos';
