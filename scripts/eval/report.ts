import type { EvaluationResult } from './runEvaluation';

/** The figures of the `--json` line; rates are fractions in [0,1], null where not applicable. */
export interface EvalJson {
  inScopeAccuracy: number | null;
  oosRecall: number | null;
  oosPrecision: number | null;
  macroF1: number | null;
  trainSeconds: number;
  classifyP50Ms: number;
  classifyP99Ms: number;
}

/** The `--json` object of a result. */
export function toEvalJson(result: EvaluationResult): EvalJson {
  const round = (x: number | null, digits: number) => (x === null ? null : Number(x.toFixed(digits)));
  const m = result.metrics;
  return {
    inScopeAccuracy: round(m.inScopeAccuracy, 6),
    oosRecall: round(m.oosRecall, 6),
    oosPrecision: round(m.oosPrecision, 6),
    macroF1: round(m.macroF1, 6),
    trainSeconds: Number(result.trainSeconds.toFixed(3)),
    classifyP50Ms: Number(result.classifyP50Ms.toFixed(4)),
    classifyP99Ms: Number(result.classifyP99Ms.toFixed(4))
  };
}

/** Describes the data sets in the report header. */
export interface DataDescription {
  train: string;
  val?: string;
  test: string;
  trainCount: number;
  valCount?: number;
  testCount: number;
}

const percent = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(2)} %`);

function calibration(result: EvaluationResult): string {
  const c = result.calibration;
  if (!c) return 'n/a';
  let text = percent(c.ece);
  if (c.fittedTemperature !== undefined && c.eceFitted !== undefined) {
    text += `; ${percent(c.eceFitted)} with temperature ${c.fittedTemperature.toFixed(2)} fitted on val`;
  }
  return text;
}

/** The human-readable report of `npm run eval`. */
export function formatReport(result: EvaluationResult, data: DataDescription): string {
  const m = result.metrics;
  const lines: string[] = [];
  lines.push('Intent classifier evaluation');
  lines.push(`  train  ${data.train}  (${data.trainCount} examples, ${result.labelCount} labels)`);
  if (data.val) lines.push(`  val    ${data.val}  (${data.valCount} examples)`);
  lines.push(`  test   ${data.test}  (${data.testCount} examples: ${m.inScopeCount} in scope, ${m.oosCount} oos)`);
  let threshold = `${result.threshold.toFixed(4)} (${result.thresholdSource})`;
  if (result.valChoice) {
    threshold += `; on val: in-scope ${percent(result.valChoice.inScopeAccuracy)}, oos recall ${percent(result.valChoice.oosRecall)}`;
  }
  lines.push(`  oos threshold  ${threshold}`);
  lines.push('');
  const rows: Array<[string, string]> = [
    ['in-scope accuracy', percent(m.inScopeAccuracy)],
    ['oos recall', percent(m.oosRecall)],
    ['oos precision', percent(m.oosPrecision)],
    ['macro-F1 (in-scope intents)', percent(m.macroF1)],
    ['calibration error (ECE)', calibration(result)],
    ['train seconds', result.trainSeconds.toFixed(2)],
    ['classify p50 / p99 (ms)', `${result.classifyP50Ms.toFixed(3)} / ${result.classifyP99Ms.toFixed(3)}`]
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  lines.push(`  ${'metric'.padEnd(width)}  value`);
  for (const [k, v] of rows) lines.push(`  ${k.padEnd(width)}  ${v}`);
  lines.push('');
  if (m.confusions.length === 0) {
    lines.push('  no confusions');
  } else {
    lines.push('  most confused pairs (true -> predicted)');
    const pairWidth = Math.max(...m.confusions.map((c) => c.gold.length + c.predicted.length + 4));
    for (const c of m.confusions) lines.push(`  ${`${c.gold} -> ${c.predicted}`.padEnd(pairWidth)}  ${c.count}`);
  }
  return lines.join('\n');
}
