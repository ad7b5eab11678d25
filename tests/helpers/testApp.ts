import { TestAdapter, type Activity } from 'botbuilder';
import { buildApp, type App } from '../../bot/index';
import { loadConfig } from '../../bot/config/config';
import { makeTempDir } from './tempDir';

/** A fully built bot with lowdb state in a fresh temp folder, the way `npm start` builds it. */
export interface TestApp extends App {
  dataDir: string;
  cleanup: () => Promise<void>;
}

/** Builds the app from the real content with its data in a temp folder; `env` overrides variables. */
export async function makeTestApp(env: Record<string, string> = {}, dataDir?: string): Promise<TestApp> {
  const temp = dataDir ? { dir: dataDir, cleanup: async () => undefined } : await makeTempDir('anlaufstelle-data-');
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: temp.dir, ...env });
  return { ...buildApp(config), dataDir: temp.dir, cleanup: temp.cleanup };
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

/** An assertion for `assertReply` that the reply's text matches a pattern or contains a text. */
export function says(expected: RegExp | string) {
  return (activity: Partial<Activity>) => {
    if (typeof expected === 'string') expect(activity.text).toContain(expected);
    else expect(activity.text).toMatch(expected);
  };
}

/** An assertion that the reply offers these suggested actions (titles, in order). */
export function offers(titles: string[]) {
  return (activity: Partial<Activity>) => {
    expect((activity.suggestedActions?.actions ?? []).map((a) => a.title)).toEqual(titles);
  };
}
