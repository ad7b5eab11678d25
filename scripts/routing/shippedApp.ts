import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../bot/config/config';
import { buildApp, type App } from '../../bot/index';
import { systemClock, systemStopwatch } from '../../bot/clock';

/**
 * The bot as `npm start` builds it (buildApp: content from ./knowledge and ./intents, the trained
 * recognizer, thresholds from the environment), with logging off. Nothing is written: the data folder
 * is only used once a turn runs. Call `app.close()` when done.
 */
export function shippedApp(env: NodeJS.ProcessEnv = process.env): App {
  return buildApp(loadConfig({ ...env, LOG_LEVEL: 'silent', DATA_DIR: path.join(os.tmpdir(), 'anlaufstelle-eval-unused') }), { now: systemClock, stopwatch: systemStopwatch });
}
