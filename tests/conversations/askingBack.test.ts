import { offers, says } from '../helpers/testApp';
import { onEveryTransport } from './harness/transcript';

onEveryTransport('conversation: asking back when unsure', (bot) => {

  const question = (id: string, language: 'de' | 'en') => bot.app.knowledge.entry(id, language)!.question;
  const answer = (id: string, language: 'de' | 'en') => says(bot.app.knowledge.entry(id, language)!.answer);

  it('DE: "Karte verloren" is ambiguous: the bot offers badge and lost device, and answers the one picked', async () => {
    await bot.conversation({ id: 'dis-de', name: 'D' })
      .send('Karte verloren')
      .assertReply((activity) => {
        says('Ich bin nicht ganz sicher, was Sie meinen.')(activity);
        offers([question('fac-access-badge', 'de'), question('it-lost-device', 'de'), 'Nichts davon'])(activity);
      })
      .send(question('fac-access-badge', 'de'))
      .assertReply(answer('fac-access-badge', 'de'))
      .startTest();
  });

  it('EN: "card", then "None of these" leads to the forwarding offer', async () => {
    await bot.conversation({ id: 'dis-en', name: 'D' }, 'en-US')
      .send('card')
      .assertReply(offers([question('fin-corporate-card', 'en'), question('fac-access-badge', 'en'), 'None of these']))
      .send('None of these')
      .assertReply(says('Shall I forward your request'))
      .startTest();
  });

  it('DE: low confidence: "Meinen Sie …?" – yes gives the answer', async () => {
    await bot.conversation({ id: 'cla-de', name: 'C' })
      .send('Tastatur')
      .assertReply(says(`Meinen Sie: „${question('it-peripherals', 'de')}“?`))
      .send('ja')
      .assertReply(answer('it-peripherals', 'de'))
      .startTest();
  });

  it('DE: low confidence – no – the employee rephrases and gets the answer', async () => {
    await bot.conversation({ id: 'cla-de2', name: 'C' })
      .send('Tastatur')
      .assertReply(says('Meinen Sie'))
      .send('nein')
      .assertReply(says('Können Sie Ihr Anliegen in einem Satz etwas genauer beschreiben?'))
      .send('Meine Maus und Tastatur gehen nicht mehr, ich brauche neue fürs Homeoffice')
      .assertReply(answer('it-peripherals', 'de'))
      .startTest();
  });

  it('EN: low confidence – no – a still unclear rephrasing ends in the forwarding offer', async () => {
    await bot.conversation({ id: 'cla-en', name: 'C' }, 'en-US')
      .send('holiday')
      .assertReply(says(`Do you mean: "${question('hr-vacation-request', 'en')}"?`))
      .send('no')
      .assertReply(says('Could you describe'))
      .send('blorp zinga')
      .assertReply(says('Shall I forward your request'))
      .startTest();
  });
});
