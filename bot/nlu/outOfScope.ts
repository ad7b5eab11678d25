import { OUT_OF_SCOPE, type ScoredLabel } from './types';

/**
 * Threshold used when none was tuned: about what {@link tuneOutOfScopeThreshold} picks on the
 * CLINC150 validation set with the default classifier (0.08-0.12 over five seeds; see
 * docs/recognizer-eval.md). Probabilities spread thinner with more labels, so a label set of a very
 * different size should be tuned on its own validation data.
 */
export const DEFAULT_OUT_OF_SCOPE_THRESHOLD = 0.1;

/**
 * The out-of-scope decision of the bot and of the evaluation: a text is out of scope when the
 * classifier gave no label, its best label is {@link OUT_OF_SCOPE}, or the best score is below
 * `threshold`. Rules on the margin between the two best scores and on the entropy of the scores
 * were measured too and rejected fewer out-of-scope texts at the same in-scope accuracy on the
 * CLINC150 validation set (docs/recognizer-eval.md).
 */
export function isOutOfScope(scores: readonly ScoredLabel[], threshold: number): boolean {
  const best = scores[0];
  return best === undefined || best.label === OUT_OF_SCOPE || best.score < threshold;
}

/** A validation text's true label (an intent or {@link OUT_OF_SCOPE}) with the classifier's scores. */
export interface ScoredExample {
  gold: string;
  /** The classifier's best labels, best first (only the first is used). */
  scores: readonly ScoredLabel[];
}

/** How {@link tuneOutOfScopeThreshold} chooses. */
export interface ThresholdTuningOptions {
  /**
   * `budget` (default): the threshold that rejects the most out-of-scope texts while in-scope
   * accuracy stays within `maxInScopeLoss` of its value at threshold 0. `accuracy`: the threshold
   * with the most correct decisions over all examples (at the set's own share of out-of-scope texts).
   */
  criterion: 'budget' | 'accuracy';
  /** In-scope accuracy (a fraction) the threshold may cost under `budget`; default 0.0025, i.e. 1 text in 400. */
  maxInScopeLoss: number;
  /** The threshold is never above this. */
  maxThreshold: number;
}

export const DEFAULT_THRESHOLD_TUNING: ThresholdTuningOptions = { criterion: 'budget', maxInScopeLoss: 0.0025, maxThreshold: 1 };

/** The chosen threshold and what it gives on the validation examples. */
export interface ThresholdChoice {
  threshold: number;
  /** In-scope examples predicted as their intent and not out of scope, as a fraction; null if none. */
  inScopeAccuracy: number | null;
  /** Out-of-scope examples decided out of scope, as a fraction; null if the set has none. */
  oosRecall: number | null;
  /** Number of correct decisions (in-scope right intent and kept + out-of-scope rejected). */
  correct: number;
}

/**
 * Picks the out-of-scope threshold for {@link isOutOfScope} on validation examples (see
 * {@link ThresholdTuningOptions} for the criteria). Candidates are 0 and the midpoints between
 * consecutive distinct best scores; ties go to the lower threshold, so a set without out-of-scope
 * examples gives 0.
 */
export function tuneOutOfScopeThreshold(
  examples: readonly ScoredExample[],
  options: Partial<ThresholdTuningOptions> = {}
): ThresholdChoice {
  const { criterion, maxInScopeLoss, maxThreshold } = { ...DEFAULT_THRESHOLD_TUNING, ...options };
  const items = examples.map((e) => ({
    gold: e.gold,
    top: e.scores[0]?.label ?? OUT_OF_SCOPE,
    score: e.scores[0]?.score ?? 0
  }));
  const nInScope = items.filter((i) => i.gold !== OUT_OF_SCOPE).length;
  const nOos = items.length - nInScope;
  let inScopeRight = items.filter((i) => i.gold !== OUT_OF_SCOPE && i.top === i.gold).length;
  let oosRejected = items.filter((i) => i.gold === OUT_OF_SCOPE && i.top === OUT_OF_SCOPE).length;
  const choice = (threshold: number): ThresholdChoice => ({
    threshold,
    inScopeAccuracy: nInScope > 0 ? inScopeRight / nInScope : null,
    oosRecall: nOos > 0 ? oosRejected / nOos : null,
    correct: inScopeRight + oosRejected
  });
  const minInScopeRight = inScopeRight - Math.floor(maxInScopeLoss * nInScope + 1e-9);
  let best = choice(0);
  // Sweep the threshold upwards: passing an item's score rejects it.
  const sorted = items.filter((i) => i.top !== OUT_OF_SCOPE).sort((a, b) => a.score - b.score);
  for (let k = 0; k < sorted.length; ) {
    const score = sorted[k].score;
    while (k < sorted.length && sorted[k].score === score) {
      const item = sorted[k++];
      if (item.gold === OUT_OF_SCOPE) oosRejected++;
      else if (item.top === item.gold) inScopeRight--;
    }
    const threshold = k < sorted.length ? (score + sorted[k].score) / 2 : score + 1e-9;
    if (threshold > maxThreshold) break;
    // In-scope accuracy only falls as the threshold rises: past the budget nothing better follows.
    if (criterion === 'budget' && inScopeRight < minInScopeRight) break;
    const candidate = choice(threshold);
    const better = criterion === 'accuracy' ? candidate.correct > best.correct : (candidate.oosRecall ?? 0) > (best.oosRecall ?? 0);
    if (better) best = candidate;
  }
  return best;
}
