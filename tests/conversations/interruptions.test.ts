import { says } from '../helpers/testApp';
import { onEveryTransport } from './harness/transcript';

onEveryTransport('conversation: cancel and help work at any step', (bot) => {

  it('DE: "abbrechen" in the middle of a report ends it, and the next question is answered normally', async () => {
    await bot.conversation({ id: 'cancel-de', name: 'C' })
      .send('Störung melden')
      .assertReply(says('Welches Gerät'))
      .send('Laptop/PC')
      .assertReply(says('Was genau passiert?'))
      .send('abbrechen')
      .assertReply(says('In Ordnung, ich habe abgebrochen.'))
      .send('Wie beantrage ich Elternzeit?')
      .assertReply(says(bot.app.knowledge.entry('hr-parental-leave', 'de')!.answer))
      .startTest();
  });

  it('EN: "cancel" at a yes/no question ends the forwarding offer', async () => {
    await bot.conversation({ id: 'cancel-en', name: 'C' }, 'en-US')
      .send('what is the capital of australia')
      .assertReply(says('Shall I forward your request'))
      .send('cancel')
      .assertReply(says('I have cancelled that'))
      .startTest();
  });

  it('DE: "hilfe" in the middle of a report shows the help and asks the same question again', async () => {
    await bot.conversation({ id: 'help-de', name: 'H' })
      .send('Störung melden')
      .assertReply(says('Welches Gerät'))
      .send('hilfe')
      .assertReply(says('IT-Service'))
      .assertReply(says('mitten in einem Vorgang'))
      .assertReply(says('Welches Gerät'))
      .send('Drucker')
      .assertReply(says('Was genau passiert?'))
      .startTest();
  });

  it('EN: "help" in the middle of a report, then the report goes on', async () => {
    await bot.conversation({ id: 'help-en', name: 'H' }, 'en-US')
      .send('report a problem')
      .assertReply(says('Which device'))
      .send('help')
      .assertReply(says('IT Service'))
      .assertReply(says('in the middle of something'))
      .assertReply(says('Which device'))
      .startTest();
  });

  it('a longer answer that mentions "Hilfe" is an answer, not an interruption', async () => {
    await bot.conversation({ id: 'help-long', name: 'H' })
      .send('Störung melden')
      .assertReply(says('Welches Gerät'))
      .send('Software/Programm')
      .assertReply(says('Was genau passiert?'))
      .send('Die Hilfe-Funktion in Excel stürzt ab')
      .assertReply(says('Seit wann'))
      .startTest();
  });

  it('"abbrechen" with nothing running says so', async () => {
    await bot.conversation({ id: 'cancel-idle', name: 'C' })
      .send('abbrechen')
      .assertReply(says('Es läuft gerade nichts'))
      .startTest();
  });
});
