import { OUT_OF_SCOPE } from '../../bot/nlu/types';

/** One evaluated text: its true label and the final decision (an intent or {@link OUT_OF_SCOPE}). */
export interface Prediction {
  gold: string;
  predicted: string;
}

/** How often texts of intent `gold` were predicted as `predicted` (gold ≠ predicted). */
export interface Confusion {
  gold: string;
  predicted: string;
  count: number;
}

/** The figures of `npm run eval`. Rates are fractions in [0,1]; null where not applicable. */
export interface ClassificationMetrics {
  inScopeCount: number;
  oosCount: number;
  /** In-scope texts predicted as their intent (and not out of scope) / in-scope texts. */
  inScopeAccuracy: number | null;
  /** Out-of-scope texts predicted out of scope / out-of-scope texts; null without out-of-scope texts. */
  oosRecall: number | null;
  /**
   * Out-of-scope texts among those predicted out of scope; null without out-of-scope texts, or when
   * nothing was predicted out of scope (0/0).
   */
  oosPrecision: number | null;
  /**
   * Mean F1 over the intents that occur as true labels of in-scope texts. A text of intent A
   * predicted as B (or out of scope) is a false negative of A and a false positive of B; an
   * out-of-scope text predicted as A is a false positive of A.
   */
  macroF1: number | null;
  /** The most frequent (true, predicted) pairs with different labels, most frequent first. */
  confusions: Confusion[];
}

/** Computes {@link ClassificationMetrics}; `topConfusions` limits the confusion list. */
export function computeMetrics(predictions: readonly Prediction[], topConfusions = 10): ClassificationMetrics {
  const inScope = predictions.filter((p) => p.gold !== OUT_OF_SCOPE);
  const oos = predictions.filter((p) => p.gold === OUT_OF_SCOPE);
  const predictedOos = predictions.filter((p) => p.predicted === OUT_OF_SCOPE);
  const ratio = (num: number, den: number): number | null => (den > 0 ? num / den : null);

  const tp = new Map<string, number>();
  const fp = new Map<string, number>();
  const fn = new Map<string, number>();
  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  const pairs = new Map<string, Confusion>();
  for (const { gold, predicted } of predictions) {
    if (gold === predicted) {
      bump(tp, gold);
      continue;
    }
    if (gold !== OUT_OF_SCOPE) bump(fn, gold);
    if (predicted !== OUT_OF_SCOPE) bump(fp, predicted);
    const key = `${gold}\u0000${predicted}`;
    const pair = pairs.get(key) ?? { gold, predicted, count: 0 };
    pair.count++;
    pairs.set(key, pair);
  }
  const intents = [...new Set(inScope.map((p) => p.gold))];
  const f1s = intents.map((intent) => {
    const t = tp.get(intent) ?? 0;
    const denominator = 2 * t + (fp.get(intent) ?? 0) + (fn.get(intent) ?? 0);
    return denominator > 0 ? (2 * t) / denominator : 0;
  });
  const confusions = [...pairs.values()]
    .sort((a, b) => b.count - a.count || a.gold.localeCompare(b.gold) || a.predicted.localeCompare(b.predicted))
    .slice(0, topConfusions);

  return {
    inScopeCount: inScope.length,
    oosCount: oos.length,
    inScopeAccuracy: ratio(inScope.filter((p) => p.predicted === p.gold).length, inScope.length),
    oosRecall: ratio(oos.filter((p) => p.predicted === OUT_OF_SCOPE).length, oos.length),
    oosPrecision: oos.length > 0 ? ratio(predictedOos.filter((p) => p.gold === OUT_OF_SCOPE).length, predictedOos.length) : null,
    macroF1: f1s.length > 0 ? f1s.reduce((a, b) => a + b, 0) / f1s.length : null,
    confusions
  };
}

/**
 * The p-th percentile (0..100) of `values` by the nearest-rank method (the smallest value with at
 * least p % of the values at or below it); NaN for an empty list.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}
