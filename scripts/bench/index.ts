/**
 * `npm run bench [-- --json] [--smoke] [...]` (see options.ts): throughput, latency, storage scaling,
 * start-up time and memory of the bot, compiled (`npm run build`) and run as `node dist/bot/index.js`
 * child processes on 127.0.0.1, against a plain botbuilder echo bot driven with the same conversations.
 * With --json the last line is {turnsPerSecond, echoTurnsPerSecond, ratioToEcho, p50Ms, p99Ms,
 * storageScalingRatio, startupMs, rssMb}.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startChild, startScriptNodeArgs, type ChildServer } from './childServer';
import { runLoad, type LoadOptions, type LoadResult } from './loadClient';
import { parseBenchOptions, type BenchOptions } from './options';
import { populateState } from './populate';
import { formatPhases, formatSlowSteps, formatSummary, machineNotes, type BenchSummary, type PhaseRow } from './report';
import { startBot } from './startup';
import { median, percentile } from './stats';
import { conversationStream, turnsPerConversation } from './workload';

const ROOT = path.resolve(__dirname, '../../..');
const BOT_SCRIPT = path.join(ROOT, 'dist', 'bot', 'index.js');
const ECHO_SCRIPT = path.join(__dirname, 'echoBot.js');
const SEED = 20_261_124;

const log = (message: string) => console.log(message);

/**
 * Flushes the page cache's dirty pages (Linux/macOS `sync`, at most 60 s), so that the run after
 * storing many conversations does not compete with the kernel writing them back.
 */
function flushToDisk(): Promise<void> {
  return new Promise((resolve) => execFile('sync', { timeout: 60_000 }, () => resolve()));
}

function loadOptions(options: BenchOptions, idPrefix: string, checkReplies: boolean, serverCpuMs: () => number): LoadOptions {
  const { connections, warmupMs, durationMs, maxTurns } = options;
  return { connections, warmupMs, durationMs, maxTurns, idPrefix, checkReplies, serverCpuMs };
}

/** Runs the same seeded conversations against a server and stops it afterwards; returns the load and the RSS after it. */
async function drive(server: ChildServer, options: BenchOptions, idPrefix: string, checkReplies = true): Promise<{ result: LoadResult; rssMb: number }> {
  try {
    const result = await runLoad(server.url, conversationStream(SEED, !options.withoutFiling), loadOptions(options, idPrefix, checkReplies, server.cpuMs));
    return { result, rssMb: server.rssMb() };
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  const work = await mkdtemp(path.join(os.tmpdir(), 'anlaufstelle-bench-'));
  const dataA = path.join(work, 'data-base');
  const dataB = path.join(work, 'data-stored');
  log(machineNotes());
  log(
    `load: ${options.connections} keep-alive connections, ${options.warmupMs / 1000} s warm-up + ${options.durationMs / 1000} s per phase, ` +
      `mixed de/en conversations of ${turnsPerConversation().toFixed(1)} turns on average`
  );
  // The bot runs with the node options of `npm start`; the echo bot with plain node, as a new team would start it.
  const botArgs = startScriptNodeArgs(ROOT);
  const profiledArgs = options.cpuProfDir ? [...botArgs, '--cpu-prof', `--cpu-prof-dir=${path.resolve(options.cpuProfDir)}`] : botArgs;
  log(`bot: node ${botArgs.join(' ')} dist/bot/index.js`);
  const startups: number[] = [];
  const rows: PhaseRow[] = [];
  try {
    // Start-up first, on a quiet machine: each time a fresh process and an empty data folder.
    log(`start-up to first answer (${options.startupRuns}×) …`);
    for (let i = 0; i < options.startupRuns; i++) {
      const fresh = await startBot(BOT_SCRIPT, path.join(work, `data-startup-${i}`), ROOT, botArgs);
      startups.push(fresh.startupMs);
      await fresh.server.stop();
    }

    log('echo bot (baseline) …');
    const echo = await drive(await startChild(ECHO_SCRIPT, {}, 30_000, ROOT, ['--disable-warning=DEP0111']), options, 'echo', false);
    rows.push({ name: 'echo bot (MemoryStorage)', ...echo });

    log(`bot with ${options.baseStored} stored conversations …`);
    await populateState(path.join(dataA, 'state'), options.baseStored);
    const base = await drive((await startBot(BOT_SCRIPT, dataA, ROOT, profiledArgs)).server, options, 'base');
    rows.push({ name: `bot, ${options.baseStored} stored`, ...base });

    log(`storing ${options.stored} conversations …`);
    const filling = performance.now();
    const files = await populateState(path.join(dataB, 'state'), options.stored);
    await flushToDisk();
    log(`  ${files} state files in ${((performance.now() - filling) / 1000).toFixed(1)} s (written and flushed)`);
    const stored = await drive((await startBot(BOT_SCRIPT, dataB, ROOT, profiledArgs)).server, options, 'stored');
    rows.push({ name: `bot, ${options.stored} stored`, ...stored });

    const p50 = (r: LoadResult) => percentile(r.latenciesMs, 0.5);
    const summary: BenchSummary = {
      turnsPerSecond: base.result.turnsPerSecond,
      echoTurnsPerSecond: echo.result.turnsPerSecond,
      ratioToEcho: base.result.turnsPerSecond / echo.result.turnsPerSecond,
      p50Ms: p50(base.result),
      p99Ms: percentile(base.result.latenciesMs, 0.99),
      storageScalingRatio: p50(stored.result) / p50(base.result),
      startupMs: median(startups),
      rssMb: Math.max(base.rssMb, stored.rssMb)
    };
    log('');
    log(formatPhases(rows));
    log(formatSlowSteps(rows[1]));
    log(
      `server CPU per turn: bot ${base.result.cpuMsPerTurn.toFixed(2)} ms, echo bot ${echo.result.cpuMsPerTurn.toFixed(2)} ms ` +
        `(echo/bot ${(echo.result.cpuMsPerTurn / base.result.cpuMsPerTurn).toFixed(2)}: the ratio a CPU-bound, otherwise idle machine would show)`
    );
    log(`start-up to first answer: ${startups.map((s) => s.toFixed(0)).join(', ')} ms (median ${summary.startupMs.toFixed(0)} ms)`);
    log(`load average at the end: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    log('');
    log(formatSummary(summary));
    if (options.keepData) log(`data kept in ${work}`);
    if (options.json) log(JSON.stringify(summary));
  } finally {
    if (!options.keepData) await rm(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
