import { fixedClock } from '../helpers/clock';
import { DialogTestClient } from 'botbuilder-testing';
import { IT_PROBLEM_DIALOG, ItProblemDialog } from '../../dialogs/itProblemDialog';
import { setTurnRecognition } from '../../dialogs/turnState';
import { makeTestApp, type TestApp } from '../helpers/testApp';
import { ConversationState, MemoryStorage } from 'botbuilder';

describe('ItProblemDialog on its own (botbuilder-testing DialogTestClient)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await makeTestApp();
  });
  afterAll(() => app.cleanup());

  it('returns the filed request as its result', async () => {
    const transcript = new ConversationState(new MemoryStorage()).createProperty<[]>('transcript');
    const dialog = new ItProblemDialog({ knowledge: app.knowledge, recognizer: app.recognizer, requests: app.requests, handoff: app.handoff, cases: app.cases, handoffEvents: false, transcript, interactions: app.interactions, now: fixedClock() });
    const recognize = {
      onTurn: async (context: any, next: () => Promise<void>) => {
        setTurnRecognition(context, app.recognizer.recognize(context.activity.text ?? '', 'de'));
        await next();
      }
    };
    const client = new DialogTestClient('test', dialog, undefined, [recognize]);
    expect(dialog.id).toBe(IT_PROBLEM_DIALOG);
    expect((await client.sendActivity('start')).text).toContain('Welches Gerät');
    expect((await client.sendActivity('Smartphone/Telefon')).text).toContain('Was genau passiert?');
    expect((await client.sendActivity('Das Diensthandy startet ständig neu')).text).toContain('Seit wann');
    expect((await client.sendActivity('seit gestern')).text).toContain('Wie dringend');
    expect((await client.sendActivity('Mittel – ich bin eingeschränkt')).text).toContain('• Bereich: Smartphone/Telefon');
    expect((await client.sendActivity('ja')).text).toMatch(/Ticketnummer ist IT-\d+/);
    expect(client.dialogTurnResult.status).toBe('complete');
    expect(client.dialogTurnResult.result).toMatchObject({ department: 'it', details: { device: 'Smartphone/Telefon', since: 'seit gestern' } });
  });
});
