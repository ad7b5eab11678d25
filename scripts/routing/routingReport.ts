import type { GroupScore, RoutingScore } from './scoreRouting';

const percent = (value: number | null) => (value === null ? '   n/a' : `${(value * 100).toFixed(1).padStart(5)} %`);
const line = (name: string, g: GroupScore) => `  ${name.padEnd(10)} ${percent(g.accuracy)}  (${g.correct}/${g.total})`;

/** The human-readable report: accuracy per language and department, none-handling, confusion matrix, misses. */
export function formatRoutingReport(title: string, score: RoutingScore, showMisses = true): string {
  const out: string[] = [`${title}: ${score.total} messages, accuracy ${percent(score.accuracy)}`];
  out.push('by language:', ...Object.entries(score.byLanguage).map(([l, g]) => line(l, g)));
  out.push('by expected department:', ...Object.entries(score.byDepartment).map(([d, g]) => line(d, g)));
  out.push(`none recall (out of scope → no department): ${percent(score.noneRecall)}`);
  out.push(`false none rate (in scope → no department):  ${percent(score.falseNoneRate)}`);
  const width = Math.max(9, ...score.labels.map((l) => l.length + 1));
  out.push('confusion (rows expected, columns predicted):');
  out.push(`  ${''.padEnd(width)}${score.labels.map((l) => l.padStart(width)).join('')}`);
  for (const expected of score.labels) {
    out.push(`  ${expected.padEnd(width)}${score.labels.map((p) => String(score.confusion[expected][p]).padStart(width)).join('')}`);
  }
  if (showMisses && score.misses.length) {
    out.push('misses (expected → predicted):');
    for (const m of score.misses) out.push(`  [${m.lang}] ${m.department} → ${m.predicted}: ${m.text}`);
  }
  return out.join('\n');
}
