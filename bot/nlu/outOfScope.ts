import { OUT_OF_SCOPE, type ScoredLabel } from './types';

/** Out of scope when the best label is the out-of-scope class or its score is below the threshold. */
export function isOutOfScope(scores: readonly ScoredLabel[], threshold: number): boolean {
  const top = scores[0];
  return !top || top.label === OUT_OF_SCOPE || top.score < threshold;
}
