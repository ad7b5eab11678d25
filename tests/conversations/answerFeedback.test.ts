import { offers, says } from '../helpers/testApp';
import { onEveryTransport } from './harness/transcript';
import { storedRequests } from '../helpers/storedRequests';

onEveryTransport('conversation: "Hat das geholfen?" after every answer', (bot) => {

  it('DE: every answer asks for feedback; "Ja, danke" is acknowledged', async () => {
    await bot.conversation({ id: 'fb-yes', name: 'F' })
      .send('Wie bekomme ich einen Parkplatz?')
      .assertReply((activity) => {
        says(bot.app.knowledge.entry('fac-parking', 'de')!.answer)(activity);
        expect(activity.text).toMatch(/Hat das geholfen\?$/);
        offers(['Ja, danke', 'Nein'])(activity);
      })
      .send('Ja, danke')
      .assertReply(says('Freut mich, dass ich helfen konnte!'))
      .startTest();
  });

  it('DE: "Nein" offers to forward the question to the owning department, which files it with the original question', async () => {
    await bot.conversation({ id: 'fb-no', name: 'F' })
      .send('Wie bekomme ich einen Parkplatz?')
      .assertReply(says('Hat das geholfen?'))
      .send('Nein')
      .assertReply(says('Das tut mir leid. Soll ich Ihre Frage an Facility Management weiterleiten'))
      .send('Ja')
      .assertReply(says(/Ihre Anfragenummer ist FAC-1001/))
      .startTest();
    const [request] = await storedRequests(bot.app.dataDir, 'facility');
    expect(request).toMatchObject({ source: 'not_helpful', subject: 'Wie bekomme ich einen Parkplatz?' });
  });

  it('EN: a card button value counts as feedback too', async () => {
    await bot.conversation({ id: 'fb-card', name: 'F' }, 'en-US')
      .send('How do I get a parking space?')
      .assertReply(says('Did that help?'))
      .send({ value: { feedback: 'no' } })
      .assertReply(says("I'm sorry. Shall I forward your question to Facility Management"))
      .send('no')
      .assertReply(says("I won't forward anything"))
      .startTest();
  });

  it('a new question with "nicht" right after an answer is a question, not feedback', async () => {
    await bot.conversation({ id: 'fb-nicht', name: 'F' })
      .send('Wie bekomme ich einen Parkplatz?')
      .assertReply(says('Hat das geholfen?'))
      .send('Drucker druckt nicht')
      .assertReply(says(bot.app.knowledge.entry('it-printer', 'de')!.answer))
      .startTest();
  });

  it('a new question instead of feedback is simply answered', async () => {
    await bot.conversation({ id: 'fb-new', name: 'F' })
      .send('Wie bekomme ich einen Parkplatz?')
      .assertReply(says('Hat das geholfen?'))
      .send('Und wo finde ich meine Gehaltsabrechnung?')
      .assertReply(says(bot.app.knowledge.entry('hr-payslip', 'de')!.answer))
      .send('hilfe')
      .assertReply(says('Ich beantworte Fragen rund um Ihren Arbeitsalltag'))
      .startTest();
  });
}, { appPerTest: true });
