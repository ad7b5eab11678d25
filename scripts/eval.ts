/**
 * `npm run eval -- --train <file> [--val <file>] --test <file> [--json]`: trains the bot's intent
 * classifier on a dataset and reports in-scope accuracy, out-of-scope recall/precision, macro-F1,
 * the most confused intents, training time and classification latency. See scripts/eval/args.ts.
 */
import { type EvalArgs, parseEvalArgs, USAGE } from './eval/args';
import { loadDataset, stratifiedSplit } from './eval/datasets';
import { formatReport, toEvalJson } from './eval/report';
import { runEvaluation } from './eval/runEvaluation';

function progressPrinter(): (fraction: number, message?: string) => void {
  let lastPercent = -1;
  return (fraction, message) => {
    const percent = Math.floor(fraction * 100);
    if (percent === lastPercent || (percent % 10 !== 0 && !process.stderr.isTTY)) return;
    lastPercent = percent;
    const line = `training ${String(percent).padStart(3)} %${message ? `  ${message}` : ''}`;
    process.stderr.write(process.stderr.isTTY ? `\r${line.padEnd(50)}${percent === 100 ? '\n' : ''}` : `${line}\n`);
  };
}

function main(args: EvalArgs): void {
  const allTrain = loadDataset(args.train);
  const val = args.val ? loadDataset(args.val) : undefined;
  let train = allTrain;
  let test;
  let testName: string;
  if (args.test) {
    test = loadDataset(args.test);
    testName = args.test;
  } else {
    const split = stratifiedSplit(allTrain, args.holdout!, args.seed);
    train = split.rest;
    test = split.holdout;
    testName = `${(args.holdout! * 100).toFixed(0)} % stratified holdout of ${args.train} (seed ${args.seed})`;
  }
  const result = runEvaluation({
    train,
    val,
    test,
    language: args.language,
    threshold: args.threshold,
    tuning: args.tuning,
    options: args.options,
    onProgress: progressPrinter()
  });
  const report = formatReport(result, {
    train: args.test ? args.train : `${args.train} minus holdout`,
    val: args.val,
    test: testName,
    trainCount: train.length,
    valCount: val?.length,
    testCount: test.length
  });
  process.stdout.write(`${report}\n`);
  if (args.json) process.stdout.write(`${JSON.stringify(toEvalJson(result))}\n`);
}

try {
  const args = parseEvalArgs(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
  } else {
    main(args);
  }
} catch (error) {
  process.stderr.write(`eval: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
