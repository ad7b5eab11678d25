import { says } from '../helpers/testApp';
import { onEveryTransport } from './harness/transcript';

onEveryTransport('conversation: answers and small talk', (bot) => {

  const answer = (id: string, language: 'de' | 'en') => says(bot.app.knowledge.entry(id, language)!.answer);

  it('DE: welcomes a new employee, answers a greeting and a FAQ question, says goodbye', async () => {
    await bot.conversation({ id: 'de-1', name: 'Erika' }, 'de-DE')
      .joins()
      .assertReply(says(/Hallo, ich bin die Anlaufstelle/))
      .send('Hallo!')
      .assertReply(says(/Womit kann ich Ihnen helfen/))
      .send('Ich habe mein Passwort vergessen')
      .assertReply(answer('it-password-reset', 'de'))
      .send('Wie beantrage ich Urlaub?')
      .assertReply(answer('hr-vacation-request', 'de'))
      .send('danke dir')
      .assertReply(says(/Gern geschehen/))
      .send('tschüss')
      .assertReply(says(/Auf Wiedersehen/))
      .startTest();
  });

  it('EN: answers in English, with typos and paraphrases', async () => {
    await bot.conversation({ id: 'en-1', name: 'John' }, 'en-US')
      .send('hi there')
      .assertReply(says(/How can I help you/))
      .send('I forgot my pasword')
      .assertReply(answer('it-password-reset', 'en'))
      .send('how do I get my travel expenses reimbursed?')
      .assertReply(answer('fin-travel-expenses', 'en'))
      .send('thanks a lot')
      .assertReply(says(/You're welcome/))
      .startTest();
  });

  it('DE and EN: help lists the departments with what they do', async () => {
    await bot.conversation({ id: 'help-1', name: 'H' })
      .send('hilfe')
      .assertReply((activity) => {
        for (const d of bot.app.knowledge.departments) expect(activity.text).toContain(d.name.de);
        expect(activity.text).toMatch(/abbrechen/);
      })
      .send('what can you do?')
      .assertReply((activity) => {
        for (const d of bot.app.knowledge.departments) expect(activity.text).toContain(d.name.en);
      })
      .startTest();
  });

  it('switches language with the employee and keeps it for a message without clear language', async () => {
    await bot.conversation({ id: 'switch-1', name: 'S' })
      .send('Wo finde ich meine Gehaltsabrechnung?')
      .assertReply(answer('hr-payslip', 'de'))
      .send('Where can I find my payslip?')
      .assertReply(answer('hr-payslip', 'en'))
      .send('VPN')
      .assertReply(answer('it-vpn', 'en'))
      .startTest();
  });

  it('answers an over-long message with a polite limit', async () => {
    await bot.conversation({ id: 'long-1', name: 'L' })
      .send('Drucker '.repeat(300))
      .assertReply(says(/höchstens 2000 Zeichen/))
      .startTest();
  });
});
