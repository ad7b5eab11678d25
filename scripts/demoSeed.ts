/**
 * npm run demo:seed [-- --data-dir ./data --days 30 --seed 42 --now 2026-11-24T16:00:00Z --reset]
 *
 * Writes a realistic demo data set for the service dashboard into DATA_DIR: requests of the four
 * departments (claimed, answered, transferred, resolved, rated, some late, the newest still open) in
 * the queue files, and the interaction log of the bot's conversations (questions, feedback,
 * unanswered questions in German and English that form knowledge gaps). Deterministic: the same
 * --seed, --days and --now give the same data. Existing data stay; a second seed into the same folder
 * is refused unless --reset, which first removes the queues, the interaction log and the addressed
 * knowledge gaps (not the bot's state, the staff sessions or FAQ entries). Prints the dashboard's
 * figures for the seeded period at the end.
 */
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FileInteractionLog } from '../bot/analytics/interactionLog';
import { KnowledgeBase } from '../bot/content/knowledgeBase';
import { loadContent } from '../bot/content/loadContent';
import { LowdbAddressedGapStore } from '../bot/metrics/addressedGaps';
import { ALL_DEPARTMENTS, type DashboardFigures } from '../bot/metrics/dashboard';
import { lastDays } from '../bot/metrics/period';
import { ServiceMetrics } from '../bot/metrics/serviceMetrics';
import { LowdbRequestStore } from '../bot/requests/lowdbRequestStore';
import type { Assignee } from '../bot/requests/serviceRequest';
import { loadStaffAccounts } from '../bot/staff/staffAccounts';
import { writeDemoData } from './seed/writeDemo';

const MARKER = 'demo-seed.json';
const USAGE = 'Usage: npm run demo:seed [-- --data-dir ./data] [--days 30] [--seed 42] [--now <ISO time>] [--reset]';

interface Options {
  dataDir: string;
  days: number;
  seed: number;
  now: Date;
  reset: boolean;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { dataDir: process.env.DATA_DIR || './data', days: 30, seed: 42, now: new Date(Math.floor(Date.now() / 60_000) * 60_000), reset: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) fail(`${arg} needs a value.`);
      return next;
    };
    if (arg === '--data-dir') options.dataDir = value();
    else if (arg === '--days') options.days = Number(value());
    else if (arg === '--seed') options.seed = Number(value());
    else if (arg === '--now') options.now = new Date(value());
    else if (arg === '--reset') options.reset = true;
    else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else fail(`Unknown option ${arg}.`);
  }
  if (!Number.isInteger(options.days) || options.days < 1 || options.days > 366) fail('--days must be a whole number from 1 to 366.');
  if (!Number.isInteger(options.seed)) fail('--seed must be a whole number.');
  if (Number.isNaN(options.now.getTime())) fail('--now must be a time such as 2026-11-24T16:00:00Z.');
  return options;
}

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(1);
}

async function main(): Promise<void> {
  (await import('dotenv')).config({ quiet: true });
  const options = parseArgs(process.argv.slice(2));
  const dataDir = path.resolve(options.dataDir);
  const queues = path.join(dataDir, 'queues');
  const marker = path.join(dataDir, MARKER);

  const content = loadContent({ knowledgeDir: process.env.KNOWLEDGE_DIR || './knowledge', intentsDir: process.env.INTENTS_DIR || './intents' });
  const accounts = loadStaffAccounts(process.env.STAFF_ACCOUNTS_FILE || './staff/accounts.json', new Set(content.departments.map((d) => d.id)));
  const staff: Record<string, Assignee[]> = {};
  for (const account of accounts.filter((a) => a.role !== 'admin')) (staff[account.department] ??= []).push({ username: account.username, name: account.name });

  if (options.reset) {
    for (const target of [queues, path.join(dataDir, 'interactions'), path.join(dataDir, 'knowledge', 'addressed-gaps.json'), marker]) await rm(target, { recursive: true, force: true });
    console.log(`Removed the queues, the interaction log and the addressed knowledge gaps in ${dataDir}.`);
  } else if (existsSync(marker)) {
    const earlier = JSON.parse(await readFile(marker, 'utf8')) as { seededAt?: string };
    console.error(`${dataDir} already holds a demo data set (seeded ${earlier.seededAt ?? 'earlier'}); nothing was written.\nRun again with --reset to replace it.`);
    process.exit(1);
  }

  const started = Date.now();
  const data = await writeDemoData({ dataDir, content, staff, days: options.days, seed: options.seed, now: options.now });
  await writeFile(marker, JSON.stringify({ seededAt: new Date().toISOString(), seed: options.seed, days: options.days, now: options.now.toISOString(), requests: data.requests, events: data.events }, null, 2));

  console.log(
    `Seeded ${data.requests} requests and ${data.events} interaction events over ${options.days} days up to ${options.now.toISOString()} (seed ${options.seed}) into ${dataDir} in ${((Date.now() - started) / 1000).toFixed(1)} s.`
  );
  console.log(`Reproduce with: npm run demo:seed -- --data-dir ${options.dataDir} --days ${options.days} --seed ${options.seed} --now ${options.now.toISOString()} --reset\n`);
  await printFigures(dataDir, content, options);
}

/** The dashboard's figures for the seeded period (the last `days` days up to --now), per department. */
async function printFigures(dataDir: string, content: ReturnType<typeof loadContent>, options: Options): Promise<void> {
  const knowledge = new KnowledgeBase(content);
  const metrics = new ServiceMetrics({
    requests: new LowdbRequestStore(path.join(dataDir, 'queues'), () => options.now),
    interactions: new FileInteractionLog(path.join(dataDir, 'interactions')),
    knowledge,
    addressedGaps: new LowdbAddressedGapStore(path.join(dataDir, 'knowledge', 'addressed-gaps.json')),
    now: () => options.now
  });
  const period = lastDays(options.days, options.now, metrics.timeZone);
  const ids = [...content.departments.map((d) => d.id), ALL_DEPARTMENTS];
  const figures = await metrics.dashboards(period, ids);
  const pct = (v: number | null) => (v === null ? '–' : `${(v * 100).toFixed(1)} %`);
  const min = (v: number | null) => (v === null ? '–' : `${Math.round(v)}`);
  const rows: Array<[string, (f: DashboardFigures) => string]> = [
    ['questions', (f) => String(f.questions)],
    ['conversations', (f) => String(f.conversations)],
    ['deflection (answered without a human)', (f) => `${pct(f.deflection.rate)} (${f.deflection.deflected}/${f.deflection.questions})`],
    ['handoff rate', (f) => `${pct(f.handoff.rate)} (${f.handoff.handedOff}/${f.handoff.conversations})`],
    ['first-contact resolution', (f) => `${pct(f.firstContactResolution.rate)} (${f.firstContactResolution.solvedAtFirstContact}/${f.firstContactResolution.answered})`],
    ['requests (open + in progress)', (f) => `${f.requests.total} (${(f.requests.byStatus.open ?? 0) + (f.requests.byStatus.in_progress ?? 0)})`],
    ['first response median / p90 / target [bmin]', (f) => `${min(f.firstResponse.median)} / ${min(f.firstResponse.p90)} / ${min(f.firstResponse.targetMinutes)}`],
    ['first response within target, breaches (open)', (f) => `${pct(f.firstResponse.withinTarget)}, ${f.firstResponse.breaches} (${f.firstResponse.openBreaches})`],
    ['resolution median / p90 / target [bmin]', (f) => `${min(f.resolution.median)} / ${min(f.resolution.p90)} / ${min(f.resolution.targetMinutes)}`],
    ['resolution within target, breaches (open)', (f) => `${pct(f.resolution.withinTarget)}, ${f.resolution.breaches} (${f.resolution.openBreaches})`],
    ['satisfaction mean, share 4-5 (ratings)', (f) => (f.satisfaction.mean === null ? '–' : `${f.satisfaction.mean.toFixed(2)}, ${pct(f.satisfaction.goodShare)} (${f.satisfaction.count})`)]
  ];
  const header = ['', ...ids];
  const table = [header, ...rows.map(([label, value]) => [label, ...ids.map((id) => value(figures.get(id)!))])];
  const widths = header.map((_, column) => Math.max(...table.map((row) => row[column].length)));
  console.log(`Dashboard figures for ${period.fromDate} … ${period.toDate} (${period.timeZone}; business minutes of each department):`);
  for (const row of table) console.log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  '));

  const gaps = await metrics.knowledgeGaps(period);
  console.log(`\nKnowledge gaps: ${gaps.length} clusters; the largest per department:`);
  for (const id of content.departments.map((d) => d.id)) {
    const top = gaps.filter((g) => g.department === id).slice(0, 3);
    console.log(`  ${id}: ${top.map((g) => `${g.count}× "${g.representative.text}" (${g.languages.join('+')})`).join('; ') || '–'}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
