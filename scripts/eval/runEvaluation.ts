import type { Language } from '../../bot/content/schema';
import {
  DEFAULT_OUT_OF_SCOPE_THRESHOLD,
  isOutOfScope,
  type ThresholdChoice,
  type ThresholdTuningOptions,
  tuneOutOfScopeThreshold
} from '../../bot/nlu/outOfScope';
import { TextClassifier, type TextClassifierOptions } from '../../bot/nlu/textClassifier';
import { OUT_OF_SCOPE, type LabelledText, type ProgressListener } from '../../bot/nlu/types';
import { expectedCalibrationError, fitTemperature, type ProbabilityRecord } from './calibration';
import { type ClassificationMetrics, computeMetrics, percentile, type Prediction } from './metrics';

/** What to evaluate. */
export interface EvaluationInput {
  train: readonly LabelledText[];
  /** Validation data for the out-of-scope threshold. */
  val?: readonly LabelledText[];
  test: readonly LabelledText[];
  language: Language;
  /** A fixed threshold; skips tuning. */
  threshold?: number;
  /** How to tune the threshold on `val`. */
  tuning?: Partial<ThresholdTuningOptions>;
  options?: Partial<TextClassifierOptions>;
  onProgress?: ProgressListener;
}

/** How the out-of-scope threshold was chosen. */
export type ThresholdSource = 'fixed' | 'tuned on val' | 'default' | 'none: no oos in training data';

/** How well the scores match accuracy on the test set (texts whose label the model knows). */
export interface CalibrationReport {
  /** Expected calibration error (10 bins) of the top score at the classifier's temperature. */
  ece: number;
  /** Temperature with the lowest log-loss on val, and the test ECE with it (when val is given). */
  fittedTemperature?: number;
  eceFitted?: number;
}

/** The result of {@link runEvaluation}. */
export interface EvaluationResult {
  metrics: ClassificationMetrics;
  threshold: number;
  thresholdSource: ThresholdSource;
  /** The threshold's figures on the validation set, when tuned. */
  valChoice?: ThresholdChoice;
  labelCount: number;
  calibration: CalibrationReport | null;
  trainSeconds: number;
  classifyP50Ms: number;
  classifyP99Ms: number;
}

const WARM_UP_TEXTS = 50;

/**
 * Trains a {@link TextClassifier} on `train`, fixes the out-of-scope threshold and evaluates on
 * `test` with {@link isOutOfScope}, the rule the bot uses. The threshold is `threshold` if given,
 * else tuned on `val` with {@link tuneOutOfScopeThreshold}, else {@link DEFAULT_OUT_OF_SCOPE_THRESHOLD}
 * when the training data has "oos" examples and 0 when it has none (such a dataset defines no
 * out-of-scope texts, so its figures are plain accuracy). Latency is measured per classify() call
 * on the test texts, after a warm-up.
 */
export function runEvaluation(input: EvaluationInput): EvaluationResult {
  const classifier = new TextClassifier(input.language, input.options);
  const started = process.hrtime.bigint();
  classifier.train(input.train, input.onProgress);
  const trainSeconds = Number(process.hrtime.bigint() - started) / 1e9;

  let threshold: number;
  let thresholdSource: ThresholdSource;
  let valChoice: ThresholdChoice | undefined;
  if (input.threshold !== undefined) {
    threshold = input.threshold;
    thresholdSource = 'fixed';
  } else if (input.val && input.val.length > 0) {
    const scored = input.val.map((e) => ({ gold: e.label, scores: classifier.classify(e.text, 1) }));
    valChoice = tuneOutOfScopeThreshold(scored, input.tuning);
    threshold = valChoice.threshold;
    thresholdSource = 'tuned on val';
  } else if (input.train.some((e) => e.label === OUT_OF_SCOPE)) {
    threshold = DEFAULT_OUT_OF_SCOPE_THRESHOLD;
    thresholdSource = 'default';
  } else {
    threshold = 0;
    thresholdSource = 'none: no oos in training data';
  }

  for (const example of input.test.slice(0, WARM_UP_TEXTS)) classifier.classify(example.text);
  const latencies: number[] = [];
  const predictions: Prediction[] = input.test.map((example) => {
    const t0 = process.hrtime.bigint();
    const scores = classifier.classify(example.text);
    latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    return { gold: example.label, predicted: isOutOfScope(scores, threshold) ? OUT_OF_SCOPE : scores[0].label };
  });

  return {
    metrics: computeMetrics(predictions),
    calibration: calibrate(classifier, input.test, input.val),
    threshold,
    thresholdSource,
    valChoice,
    labelCount: classifier.labels.length,
    trainSeconds,
    classifyP50Ms: percentile(latencies, 50),
    classifyP99Ms: percentile(latencies, 99)
  };
}

function calibrate(
  classifier: TextClassifier,
  test: readonly LabelledText[],
  val: readonly LabelledText[] | undefined
): CalibrationReport | null {
  const records = (data: readonly LabelledText[]): ProbabilityRecord[] =>
    data
      .map((e) => ({ text: e.text, gold: classifier.labels.indexOf(e.label) }))
      .filter((e) => e.gold >= 0)
      .map((e) => ({ probabilities: classifier.classifyAll(e.text), gold: e.gold }));
  const testRecords = records(test);
  if (testRecords.length === 0) return null;
  const report: CalibrationReport = { ece: expectedCalibrationError(testRecords) };
  const valRecords = val ? records(val) : [];
  if (valRecords.length > 0) {
    report.fittedTemperature = fitTemperature(valRecords);
    report.eceFitted = expectedCalibrationError(testRecords, 10, report.fittedTemperature);
  }
  return report;
}
