import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'dotenv';
import { ConfigError, loadConfig } from '../../bot/config/config';

/** METRICS_TOKEN and METRICS_WINDOW_DAYS: optional, validated, documented in .env.example. */
describe('metrics configuration', () => {
  it('has no token and a 30-day window by default, also for the empty lines of a copied .env.example', () => {
    for (const env of [{}, { METRICS_TOKEN: '', METRICS_WINDOW_DAYS: '' }]) {
      const config = loadConfig(env);
      expect(config.METRICS_TOKEN).toBeUndefined();
      expect(config.METRICS_WINDOW_DAYS).toBe(30);
    }
    const example = parse(readFileSync(path.resolve('.env.example')));
    expect(example).toHaveProperty('METRICS_TOKEN');
    expect(example).toHaveProperty('METRICS_WINDOW_DAYS');
    expect(loadConfig({ METRICS_TOKEN: example.METRICS_TOKEN, METRICS_WINDOW_DAYS: example.METRICS_WINDOW_DAYS }).METRICS_WINDOW_DAYS).toBe(30);
  });

  it('takes a token of at least 16 characters and a window of 1 to 366 days', () => {
    expect(loadConfig({ METRICS_TOKEN: ' a-long-enough-token ', METRICS_WINDOW_DAYS: '7' })).toMatchObject({ METRICS_TOKEN: 'a-long-enough-token', METRICS_WINDOW_DAYS: 7 });
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN: must be at least 16 characters/);
    expect(() => loadConfig({ METRICS_WINDOW_DAYS: '0' })).toThrow(ConfigError);
    expect(() => loadConfig({ METRICS_WINDOW_DAYS: 'a month' })).toThrow(/METRICS_WINDOW_DAYS/);
  });
});
