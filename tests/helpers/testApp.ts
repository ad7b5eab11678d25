import { createHash } from 'node:crypto';
import { TestAdapter, type Activity } from 'botbuilder';
import { buildApp, loadStartContent, type App } from '../../bot/index';
import { markdownWithLists } from '../../bot/channels/markdownLists';
import { loadConfig } from '../../bot/config/config';
import { LANGUAGES, type Language } from '../../bot/content/schema';
import { trainingExamples } from '../../bot/nlu/recognizer';
import { createIntentClassifier } from '../../bot/nlu/textClassifier';
import type { IntentClassifier } from '../../bot/nlu/types';
import { makeTempDir } from './tempDir';
import type { Clock } from '../../bot/clock';
import { fixedClock } from './clock';
import { systemStopwatch } from '../../bot/clock';

/** A fully built bot with lowdb state in a fresh temp folder, the way `npm start` builds it. */
export interface TestApp extends App {
  dataDir: string;
  cleanup: () => Promise<void>;
}

export { OFFICE_HOURS } from './clock';

/**
 * Builds the app from the real content with its data in a temp folder; `env` overrides variables.
 * The clock stands still at `now` (default: office hours) so queue and opening times are fixed.
 */
export async function makeTestApp(env: Record<string, string> = {}, dataDir?: string, now: Clock = fixedClock()): Promise<TestApp> {
  const temp = dataDir ? { dir: dataDir, cleanup: async () => undefined } : await makeTempDir('anlaufstelle-data-');
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: temp.dir, ...env });
  const content = loadStartContent(config);
  const app = buildApp(config, { now, stopwatch: systemStopwatch, content, classifiers: classifiersFor(content) });
  return {
    ...app,
    dataDir: temp.dir,
    cleanup: async () => {
      await app.close();
      await temp.cleanup();
    }
  };
}

/**
 * Classifiers trained once per test file (jest module registry) and content folders: training takes
 * about two seconds, and the conversation tests build an app for every test on every transport.
 * A trained classifier only reads its model, so apps of the same content can share it.
 */
const trainedClassifiers = new Map<string, ReadonlyMap<Language, IntentClassifier>>();

function classifiersFor(content: ReturnType<typeof loadStartContent>): ReadonlyMap<Language, IntentClassifier> {
  const examples = LANGUAGES.map((language) => [language, trainingExamples(content.faq[language], content.intents[language])] as const);
  const key = createHash('sha256').update(JSON.stringify(examples)).digest('hex');
  let trained = trainedClassifiers.get(key);
  if (!trained) {
    trained = new Map(examples.map(([language, languageExamples]) => {
      const classifier = createIntentClassifier(language);
      classifier.train(languageExamples);
      return [language, classifier];
    }));
    trainedClassifiers.set(key, trained);
  }
  return trained;
}

/** A Bot Framework test conversation with the whole bot (state, recognizer, dialogs). */
export function conversationWith(app: App, user = { id: 'employee-1', name: 'Erika Muster' }, locale = 'de-DE'): TestAdapter {
  const adapter = new TestAdapter(async (context) => app.bot.run(context), {
    from: user,
    locale,
    channelId: 'test',
    conversation: { id: `conversation-${user.id}` }
  } as Partial<Activity> as never);
  adapter.locale = locale;
  return adapter;
}

/**
 * An assertion for `assertReply` that the reply's text matches a pattern or contains a text, a text
 * as the channels send it: the bot's lines as Markdown lists and paragraphs (bot/channels/markdownLists.ts).
 */
export function says(expected: RegExp | string) {
  return (activity: Partial<Activity>) => {
    if (typeof expected === 'string') expect(activity.text).toContain(markdownWithLists(expected));
    else expect(activity.text).toMatch(expected);
  };
}

/** An assertion that the reply is the Bot Framework handoff protocol's `handoff.initiate` event. */
export function handoffInitiated(department: string) {
  return (activity: Partial<Activity>) => {
    expect(activity).toMatchObject({ type: 'event', name: 'handoff.initiate', value: { department } });
    expect(activity.attachments?.[0]?.contentType).toBe('application/json');
  };
}

/** An assertion that the reply offers these suggested actions (titles, in order). */
export function offers(titles: string[]) {
  return (activity: Partial<Activity>) => {
    expect((activity.suggestedActions?.actions ?? []).map((a) => a.title)).toEqual(titles);
  };
}
