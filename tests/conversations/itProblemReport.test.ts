import { offers, says } from '../helpers/testApp';
import { storedRequests } from '../helpers/storedRequests';
import { onEveryTransport } from './harness/transcript';

onEveryTransport('conversation: reporting an IT problem step by step', (bot) => {

  it('DE: collects device, description, since when and urgency, confirms, and files the ticket in the IT queue', async () => {
    const { userKey } = await bot.conversation({ id: 'it-de', name: 'Erika Muster' })
      .send('Ich möchte eine Störung melden')
      .assertReply(offers(['Laptop/PC', 'Drucker', 'Smartphone/Telefon', 'Software/Programm', 'Netzwerk/VPN', 'Sonstiges']))
      .send('Drucker')
      .assertReply(says('Was genau passiert?'))
      .send('kaputt')
      .assertReply(says('mindestens 10 Zeichen'))
      .send('Der Drucker im 2. OG druckt nur leere Seiten')
      .assertReply(says('Seit wann'))
      .send('seit heute morgen')
      .assertReply(says('Wie dringend'))
      .send('Hoch – ich kann nicht arbeiten')
      .assertReply((activity) => {
        says('• Bereich: Drucker')(activity);
        says('• Problem: Der Drucker im 2. OG druckt nur leere Seiten')(activity);
        says('• Seit: seit heute morgen')(activity);
        says('• Dringlichkeit: Hoch – ich kann nicht arbeiten')(activity);
        expect(activity.suggestedActions?.actions.map((a) => a.title)).toEqual(['Ja', 'Nein']);
      })
      .send('ja')
      .assertReply(says(/Ihre Ticketnummer ist IT-1001\./))
      .send('Wie ist der Stand meiner Anfrage?')
      .assertReply(says(/IT-1001 \(IT-Service, .*\): Drucker: Der Drucker im 2\. OG druckt nur leere Seiten – offen/))
      .startTest();

    const queue = { requests: await storedRequests(bot.app.dataDir, 'it') };
    expect(queue.requests).toHaveLength(1);
    expect(queue.requests[0]).toMatchObject({
      number: 'IT-1001',
      department: 'it',
      source: 'it_problem_report',
      status: 'open',
      language: 'de',
      requester: { userId: userKey, name: 'Erika Muster' },
      details: { device: 'Drucker', since: 'seit heute morgen', urgency: 'Hoch – ich kann nicht arbeiten' }
    });
    expect(queue.requests[0].transcript.map((l: { from: string }) => l.from)).toContain('bot');
  });

  it('EN: the same dialog in English, and a declined summary files nothing', async () => {
    await bot.conversation({ id: 'it-en', name: 'John Doe' }, 'en-US')
      .send('I want to report an IT issue')
      .assertReply(says('Which device or area is affected?'))
      .send('Network/VPN')
      .assertReply(says('What exactly happens?'))
      .send('The VPN client disconnects every five minutes')
      .assertReply(says('Since when'))
      .send('since Monday')
      .assertReply(offers(['Low – I can keep working', 'Medium – I am restricted', 'High – I cannot work']))
      .send('Medium – I am restricted')
      .assertReply(says('• Area: Network/VPN'))
      .send('no')
      .assertReply(says('discarded the report'))
      .send('status of my request')
      .assertReply(says('You have no open requests'))
      .startTest();
  });

  it('asks again when the device is not one of the choices', async () => {
    await bot.conversation({ id: 'it-retry', name: 'R' })
      .send('ticket aufmachen')
      .assertReply(says('Welches Gerät'))
      .send('Kaffeemaschine')
      .assertReply(says('Bitte wählen Sie einen der Bereiche aus.'))
      .send('Laptop/PC')
      .assertReply(says('Was genau passiert?'))
      .startTest();
  });
}, { appPerTest: true });
