import os from 'node:os';
import type { LoadResult } from './loadClient';
import { percentile } from './stats';

/** The eight headline figures; the last line of `npm run bench -- --json`. */
export interface BenchSummary {
  turnsPerSecond: number;
  echoTurnsPerSecond: number;
  ratioToEcho: number;
  p50Ms: number;
  p99Ms: number;
  storageScalingRatio: number;
  startupMs: number;
  rssMb: number;
}

/** One measured load phase for the table. */
export interface PhaseRow {
  name: string;
  result: LoadResult;
  rssMb?: number;
}

const TARGETS: Record<keyof BenchSummary, string> = {
  turnsPerSecond: '',
  echoTurnsPerSecond: '',
  ratioToEcho: '≥ 0.8',
  p50Ms: '',
  p99Ms: '< 50',
  storageScalingRatio: '≤ 1.2',
  startupMs: '< 2000',
  rssMb: '< 250'
};

const fixed = (n: number | undefined, digits = 1) => (n === undefined || Number.isNaN(n) ? '-' : n.toFixed(digits));

/** The per-phase table: throughput, latency percentiles, errors and memory. */
export function formatPhases(rows: readonly PhaseRow[]): string {
  const header = ['phase', 'turns/s', 'CPU ms/turn', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'turns', 'convs', 'errors', 'unexpected', 'RSS MB'];
  const lines = rows.map(({ name, result: r, rssMb }) => [
    name,
    fixed(r.turnsPerSecond, 0),
    fixed(r.cpuMsPerTurn, 2),
    fixed(percentile(r.latenciesMs, 0.5), 2),
    fixed(percentile(r.latenciesMs, 0.9), 2),
    fixed(percentile(r.latenciesMs, 0.99), 2),
    fixed(percentile(r.latenciesMs, 1), 1),
    String(r.turns),
    String(r.conversations),
    String(r.errors),
    String(r.unexpected),
    fixed(rssMb, 0)
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const format = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const out = [format(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(format)];
  for (const { name, result } of rows) for (const sample of result.samples) out.push(`  ${name}: ${sample}`);
  return out.join('\n');
}

/** Where a phase's slow turns come from: the conversation steps with the highest p99 (step = kind#turn). */
export function formatSlowSteps(row: PhaseRow, count = 5): string {
  const steps = [...row.result.latenciesByStep].map(([step, ms]) => ({ step, n: ms.length, p50: percentile(ms, 0.5), p99: percentile(ms, 0.99) }));
  steps.sort((a, b) => b.p99 - a.p99);
  const lines = steps.slice(0, count).map((s) => `  ${s.step.padEnd(16)} n=${String(s.n).padStart(6)}  p50 ${fixed(s.p50, 1).padStart(7)} ms  p99 ${fixed(s.p99, 1).padStart(7)} ms`);
  return [`slowest steps (${row.name}):`, ...lines].join('\n');
}

/** The headline figures with their targets. */
export function formatSummary(summary: BenchSummary): string {
  return Object.entries(summary)
    .map(([key, value]) => {
      const target = TARGETS[key as keyof BenchSummary];
      return `  ${key.padEnd(20)} ${fixed(value, key === 'ratioToEcho' || key === 'storageScalingRatio' ? 2 : 1).padStart(9)}${target ? `   target ${target}` : ''}`;
    })
    .join('\n');
}

/** CPU, cores, memory, Node version and load average: figures are only comparable on the same, otherwise idle machine. */
export function machineNotes(): string {
  const cpus = os.cpus();
  const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');
  return `machine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB RAM, ${os.platform()} ${os.release()}, Node ${process.version}; load average ${load}`;
}
