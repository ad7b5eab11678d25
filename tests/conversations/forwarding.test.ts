import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { conversationWith, makeTestApp, offers, says, type TestApp } from '../helpers/testApp';

describe('conversation: out of scope and "I want a person" end in a department queue', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await makeTestApp();
  });
  afterEach(() => app.cleanup());

  const queue = async (department: string) =>
    JSON.parse(await readFile(path.join(app.dataDir, 'queues', `${department}.json`), 'utf8')).requests;

  it('DE: nonsense gets the polite out-of-scope offer; the employee picks a department and gets a request number', async () => {
    await conversationWith(app, { id: 'oos-de', name: 'O' })
      .send('Wer gewinnt die Fußball-WM?')
      .assertReply(says('Dazu kann ich leider nichts sagen'))
      .send('ja')
      .assertReply(offers(['IT-Service', 'Personalabteilung (HR)', 'Facility Management', 'Finanzbuchhaltung']))
      .send('Personalabteilung (HR)')
      .assertReply(says(/an Personalabteilung \(HR\) weitergeleitet\. Ihre Anfragenummer ist HR-1001\./))
      .startTest();
    const [request] = await queue('hr');
    expect(request).toMatchObject({ number: 'HR-1001', source: 'out_of_scope', subject: 'Wer gewinnt die Fußball-WM?' });
  });

  it('EN: declining the offer forwards nothing', async () => {
    await conversationWith(app, { id: 'oos-en', name: 'O' }, 'en-US')
      .send('which tv should i buy for my living room')
      .assertReply(says('Shall I forward your request'))
      .send('no')
      .assertReply(says("I won't forward anything"))
      .startTest();
  });

  it('DE: asking for a person routes to the department named in the message after a confirmation', async () => {
    await conversationWith(app, { id: 'human-de', name: 'H' })
      .send('Ich möchte mit jemandem aus der IT sprechen')
      .assertReply(says('Gern leite ich Sie an eine Kollegin oder einen Kollegen weiter.'))
      .assertReply(says('Soll Ihre Anfrage an IT-Service gehen?'))
      .send('ja')
      .assertReply(says(/Ihre Anfragenummer ist IT-1001/))
      .startTest();
    const [request] = await queue('it');
    expect(request).toMatchObject({ source: 'human', number: 'IT-1001' });
  });

  it('DE: asking for a person without a topic lets the employee choose the department', async () => {
    await conversationWith(app, { id: 'human-de2', name: 'H' })
      .send('Ich möchte mit einem Mitarbeiter sprechen')
      .assertReply(says('Gern leite ich Sie'))
      .assertReply(says('An welche Abteilung'))
      .send('Facility Management')
      .assertReply(says(/an Facility Management weitergeleitet\. Ihre Anfragenummer ist FAC-1001/))
      .startTest();
  });

  it('EN: a person from HR, the employee corrects the department to Finance', async () => {
    await conversationWith(app, { id: 'human-en', name: 'H' }, 'en-US')
      .send('I want to talk to someone from HR')
      .assertReply(says("Sure, I'll pass you on to a colleague."))
      .assertReply(says('Shall your request go to Human Resources?'))
      .send('no')
      .assertReply(says('Which department'))
      .send('Finance')
      .assertReply(says(/forwarded your request to Finance\. Your request number is FIN-1001/))
      .startTest();
  });

  it('numbers requests across departments without gaps and keeps every queue', async () => {
    const talk = conversationWith(app, { id: 'many', name: 'M' });
    await talk
      .send('Ich möchte mit einem Mitarbeiter sprechen')
      .assertReply(says('Gern'))
      .assertReply(says('An welche Abteilung'))
      .send('IT-Service')
      .assertReply(says('IT-1001'))
      .send('Ich möchte mit einem Mitarbeiter sprechen')
      .assertReply(says('Gern'))
      .assertReply(says('An welche Abteilung'))
      .send('Finanzbuchhaltung')
      .assertReply(says('FIN-1002'))
      .startTest();
    expect((await queue('it')).map((r: { number: string }) => r.number)).toEqual(['IT-1001']);
    expect((await queue('finance')).map((r: { number: string }) => r.number)).toEqual(['FIN-1002']);
  });
});
