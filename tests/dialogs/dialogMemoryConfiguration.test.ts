import { TestAdapter, type TurnContext } from 'botbuilder';
import { makeTestApp, type TestApp } from '../helpers/testApp';

describe('dialog memory configuration', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await makeTestApp();
  });
  afterAll(() => app.cleanup());

  it('is built on the first turn and reused by every later turn (botbuilder-dialogs would rebuild it each turn)', async () => {
    const seen: unknown[] = [];
    const adapter = new TestAdapter(async (context: TurnContext) => {
      await app.bot.run(context);
      seen.push(context.turnState.get('DialogStateManagerConfiguration'));
    });
    await adapter.send('hallo').send('Ich habe mein Passwort vergessen').send('ja').startTest();
    expect(seen).toHaveLength(3);
    expect(seen[0]).toBeDefined();
    expect(seen[1]).toBe(seen[0]);
    expect(seen[2]).toBe(seen[0]);
  });
});
