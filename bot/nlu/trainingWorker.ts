/**
 * Worker-thread entry: trains one language's {@link TextClassifier} on the examples in `workerData`
 * and posts the trained model back (its arrays transferred, not copied). See trainInWorkers.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { TextClassifier } from './textClassifier';
import type { TrainingJob } from './trainInWorkers';

const job = workerData as TrainingJob;
const classifier = new TextClassifier(job.language, job.options);
classifier.train(job.examples);
const model = classifier.exportModel();
parentPort!.postMessage(model, [model.weights.buffer, model.bias.buffer]);
