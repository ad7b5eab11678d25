import { handoffInitiated, offers, says } from '../helpers/testApp';
import { onEveryTransport } from './harness/transcript';
import { storedRequests } from '../helpers/storedRequests';

onEveryTransport('conversation: escalation to a department queue', (bot) => {

  const queue = (department: string) => storedRequests(bot.app.dataDir, department);

  it('DE: nonsense gets the polite out-of-scope offer; the employee picks a department, gets number, position and wait', async () => {
    const conversation = await bot.conversation({ id: 'oos-de', name: 'O' })
      .send('Wer gewinnt die Fußball-WM?')
      .assertReply(says('Dazu kann ich leider nichts sagen'))
      .send('ja')
      .assertReply(offers(['IT-Service', 'Personalabteilung (HR)', 'Facility Management', 'Finanzbuchhaltung']))
      .send('Personalabteilung (HR)')
      .assertReply(
        says(
          'Ich habe Ihre Anfrage an Personalabteilung (HR) weitergeleitet. Ihre Anfragenummer ist HR-1001. ' +
            'Sie sind Nr. 1 in der Warteschlange, die geschätzte Wartezeit beträgt etwa 240 Minuten.'
        )
      )
      .assertReply(handoffInitiated('hr'))
      .startTest();
    const [request] = await queue('hr');
    expect(request).toMatchObject({ number: 'HR-1001', source: 'out_of_scope', subject: 'Wer gewinnt die Fußball-WM?', status: 'open' });
    expect(request.requester.reference).toMatchObject({ conversation: { id: conversation.conversationId }, channelId: conversation.channelId });
  });

  it('EN: declining the offer forwards nothing', async () => {
    await bot.conversation({ id: 'oos-en', name: 'O' }, 'en-US')
      .send('which tv should i buy for my living room')
      .assertReply(says('Shall I forward your request'))
      .send('no')
      .assertReply(says("I won't forward anything"))
      .startTest();
  });

  it('DE: an unclear message is offered to its owning department, with a short list to correct it', async () => {
    await bot.conversation({ id: 'oos-dept', name: 'O' })
      .send('Die Lizenz für Adobe läuft ab')
      .assertReply(says('Meinen Sie'))
      .send('nein')
      .assertReply(says('Können Sie Ihr Anliegen'))
      .send('blorp zinga')
      .assertReply((activity) => {
        says('Das klingt nach einem Thema für IT-Service. Soll ich Ihre Anfrage an IT-Service weiterleiten?')(activity);
        offers(['Ja, an IT-Service', 'Andere Abteilung', 'Nein, danke'])(activity);
      })
      .send('Andere Abteilung')
      .assertReply(says('An welche Abteilung'))
      .send('Finanzbuchhaltung')
      .assertReply(says('FIN-1001'))
      .assertReply(handoffInitiated('finance'))
      .startTest();
    expect((await queue('finance'))[0].subject).toBe('Die Lizenz für Adobe läuft ab');
  });

  it('DE: asking for a person routes to the department named in the message after a confirmation', async () => {
    await bot.conversation({ id: 'human-de', name: 'H' })
      .send('Ich möchte mit jemandem aus der IT sprechen')
      .assertReply(says('Gern leite ich Sie an eine Kollegin oder einen Kollegen weiter.'))
      .assertReply((activity) => {
        says('Soll Ihre Anfrage an IT-Service gehen?')(activity);
        offers(['Ja, an IT-Service', 'Andere Abteilung', 'Nein, danke'])(activity);
      })
      .send('ja')
      .assertReply(says(/Ihre Anfragenummer ist IT-1001\. Sie sind Nr\. 1 in der Warteschlange, die geschätzte Wartezeit beträgt etwa 30 Minuten/))
      .assertReply(handoffInitiated('it'))
      .startTest();
    const [request] = await queue('it');
    expect(request).toMatchObject({ source: 'human', number: 'IT-1001' });
  });

  it('DE: asking for a person without a topic lets the employee choose the department', async () => {
    await bot.conversation({ id: 'human-de2', name: 'H' })
      .send('Ich möchte mit einem Mitarbeiter sprechen')
      .assertReply(says('Gern leite ich Sie'))
      .assertReply(says('An welche Abteilung'))
      .send('Facility Management')
      .assertReply(says(/an Facility Management weitergeleitet\. Ihre Anfragenummer ist FAC-1001/))
      .assertReply(handoffInitiated('facility'))
      .startTest();
  });

  it('EN: a person from HR, the employee corrects the department to Finance', async () => {
    await bot.conversation({ id: 'human-en', name: 'H' }, 'en-US')
      .send('I want to talk to someone from HR')
      .assertReply(says("Sure, I'll pass you on to a colleague."))
      .assertReply(offers(['Yes, to Human Resources', 'Another department', 'No, thanks']))
      .send('Another department')
      .assertReply(says('Which department'))
      .send('Finance')
      .assertReply(says(/forwarded your request to Finance\. Your request number is FIN-1001\. You are number 1 in the queue/))
      .assertReply(handoffInitiated('finance'))
      .startTest();
  });

  it('DE: confidential HR topics always go to a person, never to a FAQ answer', async () => {
    await bot.conversation({ id: 'conf-de', name: 'C' })
      .send('Ich werde von einem Kollegen gemobbt')
      .assertReply(says('Bei diesem Thema hilft Ihnen am besten ein Mensch – selbstverständlich vertraulich. Soll ich Sie mit Personalabteilung (HR) verbinden?'))
      .send('Ja, an Personalabteilung (HR)')
      .assertReply(says('HR-1001'))
      .assertReply(handoffInitiated('hr'))
      .startTest();
    expect((await queue('hr'))[0].source).toBe('always_human');
  });

  it('EN: confidential topics in English too', async () => {
    await bot.conversation({ id: 'conf-en', name: 'C' }, 'en-US')
      .send('I want to report harassment at work')
      .assertReply(says('A person is the best help for this'))
      .startTest();
  });

  it('numbers requests across departments without gaps and keeps every queue', async () => {
    await bot.conversation({ id: 'many-1', name: 'M' })
      .send('Ich möchte mit einem Mitarbeiter sprechen')
      .assertReply(says('Gern'))
      .assertReply(says('An welche Abteilung'))
      .send('IT-Service')
      .assertReply(says('IT-1001'))
      .startTest();
    await bot.conversation({ id: 'many-2', name: 'M' })
      .send('Ich möchte mit einem Mitarbeiter sprechen')
      .assertReply(says('Gern'))
      .assertReply(says('An welche Abteilung'))
      .send('Finanzbuchhaltung')
      .assertReply(says('FIN-1002'))
      .startTest();
    expect((await queue('it')).map((r: { number: string }) => r.number)).toEqual(['IT-1001']);
    expect((await queue('finance')).map((r: { number: string }) => r.number)).toEqual(['FIN-1002']);
  });
}, { appPerTest: true });

onEveryTransport('conversation: out of business hours', (bot) => {
  it('DE: tells when the department opens again and keeps the request queued', async () => {
    await bot.conversation({ id: 'weekend', name: 'W' })
      .send('Ich möchte mit jemandem aus der IT sprechen')
      .assertReply(says('Gern'))
      .assertReply(says('IT-Service'))
      .send('ja')
      .assertReply(says('IT-Service ist gerade nicht besetzt und ab Montag, 30. November um 07:00 Uhr wieder erreichbar. Ihre Anfrage bleibt in der Warteschlange'))
      .startTest();
    expect((await bot.app.requests.listByDepartment('it'))[0].status).toBe('open');
  });
  // Saturday 14:00 in Berlin: IT opens again on Monday at 07:00.
}, { now: () => new Date('2026-11-28T13:00:00Z') });
