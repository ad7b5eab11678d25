import { readFileSync } from 'node:fs';
import { parse } from 'dotenv';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from '../../bot/config/config';

describe('configuration from the environment', () => {
  it('runs with no variables at all: port 3978, ./data, German, unauthenticated', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3978, DATA_DIR: './data', DEFAULT_LANGUAGE: 'de' });
    expect(config.MicrosoftAppId).toBeUndefined();
  });

  it('treats empty credentials as unset, as in a copied .env.example', () => {
    expect(loadConfig({ MicrosoftAppId: '', MicrosoftAppPassword: '' }).MicrosoftAppId).toBeUndefined();
  });

  it('names every bad variable in one message', () => {
    expect(() => loadConfig({ PORT: 'abc', DEFAULT_LANGUAGE: 'fr', THRESHOLD_ANSWER: '2' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'abc', DEFAULT_LANGUAGE: 'fr', THRESHOLD_ANSWER: '2' });
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT/);
      expect((error as Error).message).toMatch(/DEFAULT_LANGUAGE/);
      expect((error as Error).message).toMatch(/THRESHOLD_ANSWER/);
    }
  });

  it('requires a password with an app id, and thresholds in order', () => {
    expect(() => loadConfig({ MicrosoftAppId: 'id' })).toThrow(/MicrosoftAppPassword/);
    expect(() => loadConfig({ THRESHOLD_ANSWER: '0.1', THRESHOLD_DISAMBIGUATE: '0.3' })).toThrow(/THRESHOLD_OUT_OF_SCOPE <= THRESHOLD_DISAMBIGUATE <= THRESHOLD_ANSWER/);
  });

  it('documents every variable in .env.example, which loads as it is', () => {
    const example = parse(readFileSync('.env.example'));
    expect(CONFIG_VARIABLES.filter((name) => !(name in example))).toEqual([]);
    expect(Object.keys(example).filter((name) => !CONFIG_VARIABLES.includes(name))).toEqual([]);
    expect(() => loadConfig(example)).not.toThrow();
  });
});
