import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..', '..');
const KEYS = ['turnsPerSecond', 'echoTurnsPerSecond', 'ratioToEcho', 'p50Ms', 'p99Ms', 'storageScalingRatio', 'startupMs', 'rssMb'];

describe('npm run bench (smoke)', () => {
  // Builds, starts the echo bot and the bot three times and drives each for about a second: no timing assertions.
  it('prints the eight headline figures as numbers on its last line', async () => {
    const { stdout } = await run('npm', ['run', '--silent', 'bench', '--', '--smoke', '--json'], {
      cwd: ROOT,
      timeout: 170_000,
      maxBuffer: 16 * 1024 * 1024,
      env: { ...process.env, npm_config_loglevel: 'error' }
    });
    const last = stdout.trim().split('\n').pop() ?? '';
    const summary = JSON.parse(last) as Record<string, unknown>;
    expect(Object.keys(summary).sort()).toEqual([...KEYS].sort());
    for (const key of KEYS) {
      expect(typeof summary[key]).toBe('number');
      expect(Number.isFinite(summary[key] as number)).toBe(true);
    }
  }, 180_000);
});
