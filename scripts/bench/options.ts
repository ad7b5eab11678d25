import { parseArgs } from 'node:util';

/** Settings of one `npm run bench` run. Every load phase is bounded by both time and turn count. */
export interface BenchOptions {
  /** Print a last line with the eight headline figures as JSON. */
  json: boolean;
  /** A few seconds in total: for the smoke test, not for figures. */
  smoke: boolean;
  /** Concurrent keep-alive connections; each runs its conversations' turns one after another. */
  connections: number;
  /** Measured length of each load phase. */
  durationMs: number;
  /** Load before measuring starts (JIT, caches), per phase; not counted. */
  warmupMs: number;
  /** Upper bound of turns per phase (warm-up included). */
  maxTurns: number;
  /** Conversations already stored for the main run. */
  baseStored: number;
  /** Conversations already stored for the storage-scaling run. */
  stored: number;
  /** Fresh start-ups measured (median reported). */
  startupRuns: number;
  /** Keep the temporary data folders (their paths are printed). */
  keepData: boolean;
  /** IT reports end with "no" instead of filing a ticket: the bot without its request queues (diagnosis). */
  withoutFiling: boolean;
  /** Folder for V8 CPU profiles of the bot processes under load (`--cpu-prof`); none when undefined. */
  cpuProfDir?: string;
}

const DEFAULTS: BenchOptions = {
  json: false,
  smoke: false,
  connections: 20,
  durationMs: 15_000,
  warmupMs: 3_000,
  maxTurns: 500_000,
  baseStored: 100,
  stored: 100_000,
  startupRuns: 3,
  keepData: false,
  withoutFiling: false
};

const SMOKE: Partial<BenchOptions> = { durationMs: 1_000, warmupMs: 300, maxTurns: 5_000, stored: 1_000, startupRuns: 1 };

/**
 * Reads the command line: `--json --smoke --connections N --duration S --warmup S --stored N
 * --base-stored N --startup-runs N --max-turns N --keep-data --without-filing --cpu-prof DIR`.
 */
export function parseBenchOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean' },
      smoke: { type: 'boolean' },
      connections: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      'max-turns': { type: 'string' },
      'base-stored': { type: 'string' },
      stored: { type: 'string' },
      'startup-runs': { type: 'string' },
      'keep-data': { type: 'boolean' },
      'without-filing': { type: 'boolean' },
      'cpu-prof': { type: 'string' }
    }
  });
  const base = { ...DEFAULTS, ...(values.smoke ? SMOKE : {}) };
  const count = (name: string, raw: string | undefined, fallback: number, min: number, max: number) => {
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < min || n > max) throw new Error(`--${name} must be a number from ${min} to ${max}`);
    return n;
  };
  return {
    json: values.json ?? false,
    smoke: values.smoke ?? false,
    connections: Math.round(count('connections', values.connections, base.connections, 1, 256)),
    durationMs: count('duration', values.duration, base.durationMs / 1000, 0.2, 3600) * 1000,
    warmupMs: count('warmup', values.warmup, base.warmupMs / 1000, 0, 600) * 1000,
    maxTurns: Math.round(count('max-turns', values['max-turns'], base.maxTurns, 1, 10_000_000)),
    baseStored: Math.round(count('base-stored', values['base-stored'], base.baseStored, 0, 10_000_000)),
    stored: Math.round(count('stored', values.stored, base.stored, 1, 10_000_000)),
    startupRuns: Math.round(count('startup-runs', values['startup-runs'], base.startupRuns, 1, 50)),
    keepData: values['keep-data'] ?? false,
    withoutFiling: values['without-filing'] ?? false,
    cpuProfDir: values['cpu-prof']
  };
}
