import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const clinc = '/work/shared/datasets/clinc150';
const dir = mkdtempSync(path.join(tmpdir(), 'anlaufstelle-eval-'));

/** A small slice of a dataset: the first `perIntent` rows of the first `intents` intents, plus oos rows. */
function slice(file: string, intents: number, perIntent: number, oos: number): string {
  const rows = JSON.parse(readFileSync(path.join(clinc, file), 'utf8')) as Array<{ text: string; intent: string }>;
  const keep = new Set([...new Set(rows.filter((r) => r.intent !== 'oos').map((r) => r.intent))].slice(0, intents));
  const count = new Map<string, number>();
  const out = rows.filter((r) => {
    const n = count.get(r.intent) ?? 0;
    const take = r.intent === 'oos' ? n < oos : keep.has(r.intent) && n < perIntent;
    if (take) count.set(r.intent, n + 1);
    return take;
  });
  const target = path.join(dir, file);
  writeFileSync(target, JSON.stringify(out));
  return target;
}

function runEval(args: string[]): { stdout: string; status: number; stderr: string } {
  try {
    const stdout = execFileSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/eval.ts', ...args], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DOTENV_CONFIG_QUIET: 'true' }
    });
    return { stdout, status: 0, stderr: '' };
  } catch (error) {
    const e = error as { stdout: string; stderr: string; status: number };
    return { stdout: e.stdout, stderr: e.stderr, status: e.status };
  }
}

describe('npm run eval (scripts/eval.ts)', () => {
  it('trains, tunes the threshold on val and reports the figures, with --json as the last line', () => {
    const train = slice('train.json', 10, 30, 20);
    const val = slice('val.json', 10, 10, 20);
    const { stdout, status } = runEval(['--train', train, '--val', val, '--test', val, '--json', '--options', '{"epochs":5}']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/in-scope accuracy\s+\d+\.\d\d %/);
    expect(stdout).toMatch(/oos recall\s+\d+\.\d\d %/);
    expect(stdout).toMatch(/tuned on val/);
    expect(stdout).toMatch(/most confused pairs|no confusions/);
    const last = stdout.trim().split('\n').pop()!;
    const json = JSON.parse(last);
    expect(Object.keys(json).sort()).toEqual(
      ['classifyP50Ms', 'classifyP99Ms', 'inScopeAccuracy', 'macroF1', 'oosPrecision', 'oosRecall', 'trainSeconds'].sort()
    );
    expect(json.inScopeAccuracy).toBeGreaterThan(0.7);
    expect(json.inScopeAccuracy).toBeLessThanOrEqual(1);
    expect(json.oosRecall).toBeGreaterThanOrEqual(0);
    expect(json.classifyP50Ms).toBeGreaterThan(0);
  });

  it('evaluates a CSV holdout without oos, with n/a out-of-scope figures', () => {
    const csv = ['text,category', ...Array.from({ length: 12 }, (_, i) => `"my card, number ${i}, has not arrived",card_arrival`), ...Array.from({ length: 12 }, (_, i) => `top up ${i} failed again,top_up_failed`)];
    const file = path.join(dir, 'bank.csv');
    writeFileSync(file, csv.join('\n'));
    const { stdout, status } = runEval(['--train', file, '--holdout', '0.25', '--json']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/oos recall\s+n\/a/);
    const json = JSON.parse(stdout.trim().split('\n').pop()!);
    expect(json.oosRecall).toBeNull();
    expect(json.oosPrecision).toBeNull();
    expect(json.inScopeAccuracy).toBe(1);
  });

  it('fails with a clear message on a malformed file or missing arguments', () => {
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, '[{"text": "hi"}]');
    const malformed = runEval(['--train', bad, '--test', bad]);
    expect(malformed.status).toBe(1);
    expect(malformed.stderr).toMatch(/eval: dataset .*bad\.json: item 0 is not an object with string fields "text" and "intent"/);
    const missing = runEval(['--train', bad]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/give --test <file> or --holdout <fraction>/);
  });
});
