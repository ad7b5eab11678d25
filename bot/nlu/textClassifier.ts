import type { Language } from '../content/schema';
import { seededRandom, shuffleInPlace } from './random';
import { type FeatureOptions, type FeaturizerState, type SparseVector, TextFeaturizer } from './textFeatures';
import { OUT_OF_SCOPE, type IntentClassifier, type LabelledText, type ProgressListener, type ScoredLabel } from './types';

// Hot loops call these millions of times; a module constant avoids a property lookup on Math each
// time, which is very slow inside jest's sandboxed globals (training took 14 s there instead of 2 s).
const { sqrt, exp } = Math;

/** Settings of {@link TextClassifier}. Defaults: {@link DEFAULT_CLASSIFIER_OPTIONS}. */
export interface TextClassifierOptions {
  /** Featurizer settings (see {@link FeatureOptions}). */
  features: Partial<FeatureOptions>;
  /** Passes over the training data. */
  epochs: number;
  /** Small training sets get more passes, so that at least this many updates are made (up to maxEpochs). */
  minUpdates: number;
  /** Upper bound for the number of passes. */
  maxEpochs: number;
  /** AdaGrad base learning rate. */
  learningRate: number;
  /** L2 penalty, applied to the weights an update touches. */
  l2: number;
  /** Input dropout: each feature of a training example is left out of an update with this probability. */
  dropout: number;
  /** Weight of the training examples labelled OUT_OF_SCOPE ("oos") relative to the others. */
  outOfScopeWeight: number;
  /** Labels whose gradient |p - y| is below this are not updated for an example (speed; 0 = update all). */
  gradientFloor: number;
  /** Softmax temperature at classification (> 1 flattens the probabilities); training uses 1. */
  temperature: number;
  /** Seed of the shuffle and the dropout; the same data, options and seed give the same model. */
  seed: number;
}

/** Defaults chosen on the CLINC150 validation set (see docs/recognizer-eval.md). */
export const DEFAULT_CLASSIFIER_OPTIONS: TextClassifierOptions = {
  features: {},
  epochs: 20,
  minUpdates: 20_000,
  maxEpochs: 60,
  learningRate: 0.1,
  l2: 1e-4,
  dropout: 0.3,
  outOfScopeWeight: 2,
  gradientFloor: 1e-3,
  temperature: 1,
  seed: 42
};

/** The trained parameters: weights feature-major (`weights[feature * labels + label]`) and biases. */
interface Model {
  featurizer: TextFeaturizer;
  labels: string[];
  weights: Float32Array<ArrayBuffer>;
  bias: Float32Array<ArrayBuffer>;
}

/** A trained model as plain data (structured-cloneable): what a worker thread sends back after training. */
export interface TrainedModel {
  labels: string[];
  weights: Float32Array<ArrayBuffer>;
  bias: Float32Array<ArrayBuffer>;
  featurizer: FeaturizerState;
}

/** Training rows packed as compressed sparse rows. */
interface Csr {
  offsets: Int32Array;
  indices: Int32Array;
  values: Float32Array;
}

/**
 * Multinomial logistic regression (softmax) over the sparse TF-IDF features of {@link TextFeaturizer},
 * trained by AdaGrad SGD with L2 and input dropout in a seeded order: deterministic, and its scores
 * are probabilities that sum to 1 over the labels it knows. Examples labelled OUT_OF_SCOPE are an
 * ordinary class (weighted by `outOfScopeWeight`).
 */
export class TextClassifier implements IntentClassifier {
  readonly options: TextClassifierOptions;
  private model: Model | undefined;

  constructor(
    readonly language: Language,
    options: Partial<TextClassifierOptions> = {}
  ) {
    this.options = { ...DEFAULT_CLASSIFIER_OPTIONS, ...options };
  }

  get labels(): readonly string[] {
    return this.model?.labels ?? [];
  }

  /** The trained model as data; throws before training. */
  exportModel(): TrainedModel {
    if (!this.model) throw new Error('the classifier has not been trained');
    const { labels, weights, bias, featurizer } = this.model;
    return { labels, weights, bias, featurizer: featurizer.exportState() };
  }

  /** Uses a model trained elsewhere (another thread) with the same language and options instead of training. */
  importModel(model: TrainedModel): this {
    const featurizer = new TextFeaturizer(this.language, this.options.features).restore(model.featurizer);
    this.model = { labels: model.labels, weights: model.weights, bias: model.bias, featurizer };
    return this;
  }

  train(examples: readonly LabelledText[], onProgress?: ProgressListener): void {
    if (examples.length === 0) throw new Error('cannot train a classifier without examples');
    const opts = this.options;
    const labels: string[] = [];
    const labelIds = new Map<string, number>();
    const targets = new Int32Array(examples.length);
    examples.forEach((example, i) => {
      let id = labelIds.get(example.label);
      if (id === undefined) {
        id = labels.length;
        labelIds.set(example.label, id);
        labels.push(example.label);
      }
      targets[i] = id;
    });
    onProgress?.(0, 'extracting features');
    const featurizer = new TextFeaturizer(this.language, opts.features);
    const data = toCsr(featurizer.fitTransform(examples.map((e) => e.text)));
    const nLabels = labels.length;
    const weights = new Float32Array(featurizer.dimension * nLabels);
    const bias = new Float32Array(nLabels);
    const sumSq = new Float32Array(weights.length);
    const biasSumSq = new Float32Array(nLabels);

    const n = examples.length;
    const epochs = Math.min(opts.maxEpochs, Math.max(opts.epochs, Math.ceil(opts.minUpdates / n)));
    const random = seededRandom(opts.seed);
    const order = Array.from({ length: n }, (_, i) => i);
    const probabilities = new Float64Array(nLabels);
    const grad = new Float64Array(nLabels);
    const active = new Int32Array(nLabels);
    const rowValues = new Float32Array(data.values.length);
    const { learningRate: lr, l2, gradientFloor, dropout } = opts;
    const keepScale = 1 / (1 - dropout);
    const oosId = labelIds.get(OUT_OF_SCOPE) ?? -1;
    const progressEvery = Math.max(1, Math.floor(n / 10));

    for (let epoch = 0; epoch < epochs; epoch++) {
      shuffleInPlace(order, random);
      for (let step = 0; step < n; step++) {
        const i = order[step];
        const start = data.offsets[i];
        const end = data.offsets[i + 1];
        let values = data.values;
        if (dropout > 0) {
          values = rowValues;
          for (let k = start; k < end; k++) values[k] = random() < dropout ? 0 : data.values[k] * keepScale;
        }
        scoreRow(data.indices, values, start, end, weights, bias, nLabels, probabilities);
        softmaxInPlace(probabilities, 1);
        // Gradient of the (weighted) cross-entropy wrt the logits, only for labels where it matters.
        const y = targets[i];
        const weight = y === oosId ? opts.outOfScopeWeight : 1;
        let nActive = 0;
        for (let c = 0; c < nLabels; c++) {
          const g = weight * (probabilities[c] - (c === y ? 1 : 0));
          if (g > gradientFloor || g < -gradientFloor) {
            grad[nActive] = g;
            active[nActive++] = c;
          }
        }
        for (let a = 0; a < nActive; a++) {
          const c = active[a];
          const g = grad[a];
          biasSumSq[c] += g * g;
          bias[c] -= (lr * g) / (sqrt(biasSumSq[c]) + 1e-8);
        }
        for (let k = start; k < end; k++) {
          const v = values[k];
          if (v === 0) continue;
          const base = data.indices[k] * nLabels;
          for (let a = 0; a < nActive; a++) {
            const at = base + active[a];
            const w = weights[at];
            const g = grad[a] * v + l2 * w;
            const s = sumSq[at] + g * g;
            sumSq[at] = s;
            weights[at] = w - (lr * g) / (sqrt(s) + 1e-8);
          }
        }
        if (onProgress && step % progressEvery === 0) onProgress((epoch + step / n) / epochs, `epoch ${epoch + 1}/${epochs}`);
      }
    }
    this.model = { featurizer, labels, weights, bias };
    onProgress?.(1, 'trained');
  }

  classify(text: string, top = 5): ScoredLabel[] {
    const model = this.requireModel();
    return topLabels(this.probabilities(model, model.featurizer.transform(text)), model.labels, top);
  }

  /** The probability of every label, in {@link labels} order. */
  classifyAll(text: string): Float64Array {
    const model = this.requireModel();
    return this.probabilities(model, model.featurizer.transform(text));
  }

  private requireModel(): Model {
    if (!this.model) throw new Error('the classifier is not trained yet: call train() first');
    return this.model;
  }

  private probabilities(model: Model, vector: SparseVector): Float64Array {
    const nLabels = model.labels.length;
    const result = new Float64Array(nLabels);
    scoreRow(vector.indices, vector.values, 0, vector.indices.length, model.weights, model.bias, nLabels, result);
    softmaxInPlace(result, this.options.temperature);
    return result;
  }
}

/** Creates the bot's intent classifier for one language: a {@link TextClassifier}. */
export function createIntentClassifier(language: Language, options?: Partial<TextClassifierOptions>): IntentClassifier {
  return new TextClassifier(language, options);
}

function toCsr(rows: readonly SparseVector[]): Csr {
  const offsets = new Int32Array(rows.length + 1);
  rows.forEach((row, i) => (offsets[i + 1] = offsets[i] + row.indices.length));
  const indices = new Int32Array(offsets[rows.length]);
  const values = new Float32Array(offsets[rows.length]);
  rows.forEach((row, i) => {
    indices.set(row.indices, offsets[i]);
    values.set(row.values, offsets[i]);
  });
  return { offsets, indices, values };
}

/** logits = bias + Σ value · weights[feature, ·] over the entries [start, end) of a sparse row. */
function scoreRow(
  indices: Int32Array,
  values: Float32Array,
  start: number,
  end: number,
  weights: Float32Array,
  bias: Float32Array,
  nLabels: number,
  logits: Float64Array
): void {
  for (let c = 0; c < nLabels; c++) logits[c] = bias[c];
  for (let k = start; k < end; k++) {
    const v = values[k];
    if (v === 0) continue;
    const base = indices[k] * nLabels;
    for (let c = 0; c < nLabels; c++) logits[c] += v * weights[base + c];
  }
}

/** Turns logits into probabilities in place: softmax(logits / temperature). */
function softmaxInPlace(logits: Float64Array, temperature: number): void {
  let max = -Infinity;
  for (let c = 0; c < logits.length; c++) if (logits[c] > max) max = logits[c];
  let sum = 0;
  for (let c = 0; c < logits.length; c++) {
    const e = exp((logits[c] - max) / temperature);
    logits[c] = e;
    sum += e;
  }
  for (let c = 0; c < logits.length; c++) logits[c] /= sum;
}

/** The `top` most probable labels, best first; ties keep the training order of the labels. */
function topLabels(probabilities: Float64Array, labels: readonly string[], top: number): ScoredLabel[] {
  const k = Math.max(0, Math.min(Math.floor(top), labels.length));
  const best: number[] = [];
  for (let c = 0; c < probabilities.length; c++) {
    if (best.length === k && (k === 0 || probabilities[c] <= probabilities[best[k - 1]])) continue;
    if (best.length === k) best.pop();
    let pos = best.length;
    best.push(c);
    while (pos > 0 && probabilities[best[pos - 1]] < probabilities[c]) {
      best[pos] = best[pos - 1];
      pos--;
    }
    best[pos] = c;
  }
  return best.map((c) => ({ label: labels[c], score: probabilities[c] }));
}
