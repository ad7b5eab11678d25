import type { Activity } from 'botbuilder';
import { says } from '../helpers/testApp';
import { onEveryTransport, type HarnessBot } from './harness/transcript';

/** The reply is written in `locale`'s language (every bot message carries it) and says `text`. */
const inLanguage = (locale: string, text: string) => (activity: Partial<Activity>) => {
  says(text)(activity);
  expect(activity.locale).toBe(locale);
};

/** Staff claim the conversation's request, write to the employee, and resolve it, as in the console. */
const staffHandle = (bot: HarnessBot) => async ({ conversationId }: { conversationId: string }) => {
  const request = await bot.app.handoff.activeInConversation(conversationId);
  if (!request) throw new Error('no request was opened');
  const staff = { username: 'facility.agent', name: 'Sabine Wolf' };
  await bot.app.handoff.claim(request.id, staff);
  await bot.app.handoff.staffMessage(request.id, staff, 'Wir schicken jemanden vorbei.');
  await bot.app.notifier.idle();
};

onEveryTransport('conversation: the language sticks', (bot) => {
  it('DE: the button "Ja, an Facility Management" keeps German: the request, the staff notices and the survey are German', async () => {
    const { conversationId } = await bot.conversation({ id: 'lang-button', name: 'L' })
      .send('Im Treppenhaus riecht es nach Gas')
      .assertReply(inLanguage('de-DE', 'Soll ich Ihre Anfrage an Facility Management weiterleiten?'))
      .click('Ja, an Facility Management')
      .assertReply(inLanguage('de-DE', 'Ich habe Ihre Anfrage an Facility Management weitergeleitet.'))
      .assertReply((activity) => expect(activity.name).toBe('handoff.initiate'))
      .meanwhile(staffHandle(bot))
      .waitForProactive()
      .assertReply(inLanguage('de-DE', 'kümmert sich jetzt um Ihre Anfrage'))
      .assertReply(inLanguage('de-DE', 'Sabine Wolf (Facility Management): Wir schicken jemanden vorbei.'))
      .meanwhile(async ({ conversationId: id }) => {
        const request = (await bot.app.handoff.activeInConversation(id))!;
        await bot.app.handoff.resolve(request.id, { username: 'facility.agent', name: 'Sabine Wolf' }, '');
        await bot.app.notifier.idle();
      })
      .waitForProactive()
      .assertReply(inLanguage('de-DE', 'als erledigt markiert'))
      .assertReply(inLanguage('de-DE', 'Wurde Ihr Anliegen gelöst?'))
      .startTest();
    const [request] = (await bot.app.requests.listAll()).filter((r) => r.requester.conversationId === conversationId);
    expect(request).toMatchObject({ department: 'facility', language: 'de' });
  });

  it('EN: an English first message in the German-default widget gets English, and the conversation stays English', async () => {
    await bot.conversation({ id: 'lang-first-en', name: 'L' }, 'de-DE')
      .send('How do I connect to the VPN from home?')
      .assertReply(inLanguage('en-US', bot.app.knowledge.entry('it-vpn', 'en')!.answer.split('\n')[0]))
      .send('ok')
      .assertReply((activity) => expect(activity.locale).toBe('en-US'))
      .startTest();
  });

  it('DE: names, dates and short answers at the onboarding prompts keep German; the case is German', async () => {
    await bot.conversation({ id: 'lang-names', name: 'L' })
      .send('Ich möchte einen neuen Mitarbeiter anmelden')
      .assertReply(inLanguage('de-DE', 'Gern, ich nehme'))
      .assertReply(inLanguage('de-DE', 'Wie heißt'))
      .send('Jean-Pierre van der Berg')
      .assertReply((activity) => expect(activity.locale).toBe('de-DE'))
      .send('01.12.2030')
      .assertReply((activity) => expect(activity.locale).toBe('de-DE'))
      .send('Sales Team Hamburg')
      .assertReply(inLanguage('de-DE', 'Welche IT-Ausstattung'))
      .startTest();
  });

  it('EN → DE: a sentence clearly written in German switches an English conversation, a German word does not', async () => {
    await bot.conversation({ id: 'lang-switch', name: 'L' }, 'en-US')
      .send('Drucker')
      .assertReply((activity) => expect(activity.locale).toBe('en-US'))
      .send('Wie beantrage ich Urlaub?')
      .assertReply(inLanguage('de-DE', bot.app.knowledge.entry('hr-vacation-request', 'de')!.answer.split('\n')[0]))
      .startTest();
  });
});
