/** The value at quantile q (0..1) of unsorted samples, nearest rank; NaN for no samples. */
export function percentile(samples: ArrayLike<number>, q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = Float64Array.from(samples).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}

/** The median of a few samples (e.g. start-up times). */
export function median(samples: readonly number[]): number {
  return percentile(samples, 0.5);
}
