/**
 * Calibration of classifier scores: expected calibration error and temperature scaling. A
 * temperature T turns probabilities p into p^(1/T) / Σ p^(1/T), i.e. softmax(logits / T).
 */

/** One classified text: the probability of every label and the index of the true label. */
export interface ProbabilityRecord {
  probabilities: ArrayLike<number>;
  gold: number;
}

/** `probabilities` rescaled with temperature `t` (a new array). */
export function withTemperature(probabilities: ArrayLike<number>, t: number): Float64Array {
  const out = new Float64Array(probabilities.length);
  let max = -Infinity;
  for (let c = 0; c < out.length; c++) {
    out[c] = Math.log(Math.max(probabilities[c], 1e-300)) / t;
    if (out[c] > max) max = out[c];
  }
  let sum = 0;
  for (let c = 0; c < out.length; c++) sum += out[c] = Math.exp(out[c] - max);
  for (let c = 0; c < out.length; c++) out[c] /= sum;
  return out;
}

/**
 * Expected calibration error of the top-1 confidence: records are put into `bins` equal-width bins
 * by their highest probability; the error is Σ |accuracy − mean confidence| weighted by bin size.
 */
export function expectedCalibrationError(records: readonly ProbabilityRecord[], bins = 10, t = 1): number {
  const conf = new Float64Array(bins);
  const hits = new Float64Array(bins);
  for (const r of records) {
    const p = t === 1 ? r.probabilities : withTemperature(r.probabilities, t);
    let best = 0;
    for (let c = 1; c < p.length; c++) if (p[c] > p[best]) best = c;
    const bin = Math.min(bins - 1, Math.floor(p[best] * bins));
    conf[bin] += p[best];
    hits[bin] += best === r.gold ? 1 : 0;
  }
  let error = 0;
  for (let b = 0; b < bins; b++) error += Math.abs(hits[b] - conf[b]);
  return records.length > 0 ? error / records.length : 0;
}

/** Mean negative log-likelihood of the true labels at temperature `t`. */
export function negativeLogLikelihood(records: readonly ProbabilityRecord[], t = 1): number {
  let sum = 0;
  for (const r of records) sum -= Math.log(Math.max(withTemperature(r.probabilities, t)[r.gold], 1e-300));
  return records.length > 0 ? sum / records.length : 0;
}

/** The temperature in [0.05, 5] with the lowest negative log-likelihood (golden-section search on log T). */
export function fitTemperature(records: readonly ProbabilityRecord[]): number {
  const f = (logT: number) => negativeLogLikelihood(records, Math.exp(logT));
  let lo = Math.log(0.05);
  let hi = Math.log(5);
  const ratio = (Math.sqrt(5) - 1) / 2;
  let a = hi - ratio * (hi - lo);
  let b = lo + ratio * (hi - lo);
  let fa = f(a);
  let fb = f(b);
  for (let i = 0; i < 40; i++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - ratio * (hi - lo);
      fa = f(a);
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + ratio * (hi - lo);
      fb = f(b);
    }
  }
  return Math.exp((lo + hi) / 2);
}
