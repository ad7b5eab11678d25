import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Content } from '../content/loadContent';
import { LANGUAGES, type Language } from '../content/schema';
import { trainingExamples } from './recognizer';
import { TextClassifier, type TextClassifierOptions, type TrainedModel } from './textClassifier';
import type { LabelledText } from './types';

/** What one training thread gets. */
export interface TrainingJob {
  language: Language;
  examples: LabelledText[];
  options?: Partial<TextClassifierOptions>;
}

/**
 * Trains a {@link TextClassifier} per language, each in its own worker thread, and resolves with the
 * trained classifiers. The result is the same model as training in this thread (same examples,
 * options and seed): training is deterministic.
 *
 * Why threads: training both languages takes about a second of CPU; on two cores the languages train
 * side by side, and the main thread stays free (loading modules at start-up, serving turns when a
 * FAQ change is approved).
 */
export async function trainInWorkers(jobs: readonly TrainingJob[]): Promise<Map<Language, TextClassifier>> {
  const models = await Promise.all(jobs.map((job) => runWorker(job)));
  return new Map(jobs.map((job, i) => [job.language, new TextClassifier(job.language, job.options).importModel(models[i])]));
}

/** The bot's classifiers for `content` (both languages, default options), trained in worker threads. */
export function trainContentInWorkers(content: Content): Promise<Map<Language, TextClassifier>> {
  return trainInWorkers(LANGUAGES.map((language) => ({ language, examples: trainingExamples(content.faq[language], content.intents[language]) })));
}

function runWorker(job: TrainingJob): Promise<TrainedModel> {
  // Compiled: trainingWorker.js next to this file. From TypeScript sources (tsx, jest): the .ts file through tsx.
  const compiled = path.join(__dirname, 'trainingWorker.js');
  const worker = existsSync(compiled)
    ? new Worker(compiled, { workerData: job })
    : new Worker(path.join(__dirname, 'trainingWorker.ts'), { workerData: job, execArgv: ['--require', 'tsx/cjs'] });
  return new Promise((resolve, reject) => {
    worker.once('message', (model: TrainedModel) => resolve(model));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the training thread for "${job.language}" stopped (exit code ${code}) before sending a model`)));
  });
}
