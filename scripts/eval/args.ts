import type { Language } from '../../bot/content/schema';
import type { ThresholdTuningOptions } from '../../bot/nlu/outOfScope';
import type { TextClassifierOptions } from '../../bot/nlu/textClassifier';

/** The command line of `npm run eval`, parsed. */
export interface EvalArgs {
  train: string;
  val?: string;
  test?: string;
  /** Carve a stratified test set of this fraction out of `train` (instead of --test). */
  holdout?: number;
  /** Seed of the --holdout split. */
  seed: number;
  language: Language;
  /** A fixed out-of-scope threshold (no tuning). */
  threshold?: number;
  /** How the threshold is tuned on --val. */
  tuning: Partial<ThresholdTuningOptions>;
  /** Classifier options as JSON, merged over the defaults. */
  options: Partial<TextClassifierOptions>;
  json: boolean;
  help: boolean;
}

export const USAGE = `Usage: npm run eval -- --train <file> [--val <file>] (--test <file> | --holdout <fraction>) [options]

Trains the intent classifier on --train, tunes the out-of-scope threshold on --val (if given) and
evaluates on --test. Files: JSON arrays of {"text","intent"} (intent "oos" = out of scope) or CSV
with a header "text,category".

  --train <file>         training data (required)
  --val <file>           validation data for the out-of-scope threshold
  --test <file>          test data
  --holdout <fraction>   instead of --test: a stratified share of --train (e.g. 0.1), not trained on
  --seed <n>             seed of the --holdout split (default 42)
  --lang <de|en>         language of the featurizer (default en)
  --threshold <t>        fixed out-of-scope threshold instead of tuning on --val
  --criterion <c>        threshold tuning on --val: "budget" (default: most oos recall while in-scope
                         accuracy drops at most --oos-budget) or "accuracy" (most correct decisions)
  --oos-budget <f>       in-scope accuracy the threshold may cost under "budget" (default 0.0025)
  --options <json>       classifier options, e.g. '{"epochs":10,"features":{"charNgramMax":4}}'
  --json                 print one JSON object with the figures as the last line
  --help                 this text`;

/** Parses the arguments after `npm run eval --`; throws an Error with a clear message when they are wrong. */
export function parseEvalArgs(argv: readonly string[]): EvalArgs {
  const args: Partial<EvalArgs> & Pick<EvalArgs, 'seed' | 'language' | 'options' | 'tuning' | 'json' | 'help'> = {
    seed: 42,
    language: 'en',
    options: {},
    tuning: {},
    json: false,
    help: false
  };
  const number = (flag: string, value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n)) throw new Error(`${flag} needs a number, got "${value}"`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--json') {
      args.json = true;
      continue;
    }
    if (flag === '--help' || flag === '-h') {
      args.help = true;
      continue;
    }
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new Error(`${flag} needs a value`);
    i++;
    switch (flag) {
      case '--train':
        args.train = value;
        break;
      case '--val':
        args.val = value;
        break;
      case '--test':
        args.test = value;
        break;
      case '--holdout':
        args.holdout = number(flag, value);
        if (!(args.holdout > 0 && args.holdout < 1)) throw new Error('--holdout must be a fraction between 0 and 1');
        break;
      case '--seed':
        args.seed = number(flag, value);
        break;
      case '--lang':
        if (value !== 'de' && value !== 'en') throw new Error(`--lang must be "de" or "en", got "${value}"`);
        args.language = value;
        break;
      case '--threshold':
        args.threshold = number(flag, value);
        break;
      case '--criterion':
        if (value !== 'budget' && value !== 'accuracy') throw new Error(`--criterion must be "budget" or "accuracy", got "${value}"`);
        args.tuning.criterion = value;
        break;
      case '--oos-budget':
        args.tuning.maxInScopeLoss = number(flag, value);
        if (!(args.tuning.maxInScopeLoss >= 0 && args.tuning.maxInScopeLoss <= 1)) throw new Error('--oos-budget must be a fraction between 0 and 1');
        break;
      case '--options':
        try {
          args.options = JSON.parse(value) as Partial<TextClassifierOptions>;
        } catch (error) {
          throw new Error(`--options is not valid JSON: ${(error as Error).message}`);
        }
        break;
      default:
        throw new Error(`unknown option "${flag}"`);
    }
  }
  if (args.help) return { ...args, train: args.train ?? '' };
  if (!args.train) throw new Error('--train <file> is required');
  if (!args.test && args.holdout === undefined) throw new Error('give --test <file> or --holdout <fraction>');
  if (args.test && args.holdout !== undefined) throw new Error('give either --test or --holdout, not both');
  return { ...args, train: args.train };
}
