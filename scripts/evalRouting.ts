/**
 * `npm run eval:routing -- --test <file> [--half all|even|odd] [--json] [--quiet]`
 *
 * Evaluates the department routing of the bot as shipped on a labelled set (JSON array of
 * {text, lang, department}; department it|hr|facility|finance|none). See scripts/routing/routedDepartment.ts
 * for how a recognition becomes a department. With --json the last line is
 * {accuracy, accuracyDe, accuracyEn, noneRecall, falseNoneRate}.
 */
import { parseArgs } from 'node:util';
import { LANGUAGES } from '../bot/content/schema';
import { routeItems } from './routing/routeItems';
import { formatRoutingReport } from './routing/routingReport';
import { loadRoutingSet, selectHalf, type RoutingHalf } from './routing/routingSet';
import { routingSummary, scoreRouting } from './routing/scoreRouting';
import { shippedApp } from './routing/shippedApp';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      test: { type: 'string' },
      half: { type: 'string', default: 'all' },
      json: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false }
    }
  });
  if (!values.test) throw new Error('usage: npm run eval:routing -- --test <file.json> [--half all|even|odd] [--json] [--quiet]');
  const half = values.half as RoutingHalf;
  if (!['all', 'even', 'odd'].includes(half)) throw new Error('--half must be all, even or odd');

  const app = shippedApp();
  const departments = app.knowledge.departments.map((d) => d.id);
  const items = selectHalf(loadRoutingSet(values.test, departments), half);
  const score = scoreRouting(routeItems(app.recognizer, items), departments, LANGUAGES);
  await app.close();
  console.log(formatRoutingReport(`routing ${values.test}${half === 'all' ? '' : ` (${half} half)`}`, score, !values.quiet));
  if (values.json) console.log(JSON.stringify(routingSummary(score)));
}

main().catch((error) => {
  console.error((error as Error).message);
  process.exit(1);
});
