import path from 'node:path';
import { loadContent } from '../../bot/content/loadContent';
import { trainRecognizer, type Recognizer } from '../../bot/nlu/recognizer';
import { createIntentClassifier } from '../../bot/nlu/textClassifier';

const root = path.resolve(__dirname, '../..');
const thresholds = { answer: 0.5, disambiguate: 0.2, outOfScope: 0.12 };

describe('recognizer on the demo knowledge base', () => {
  let recognizer: Recognizer;
  beforeAll(() => {
    const content = loadContent({ knowledgeDir: path.join(root, 'knowledge'), intentsDir: path.join(root, 'intents') });
    recognizer = trainRecognizer(content, (language) => createIntentClassifier(language), thresholds);
  });

  const top = (text: string, fallback: 'de' | 'en' = 'de') => recognizer.recognize(text, fallback);

  it.each([
    ['Ich habe mein Passwort vergessen', 'it-password-reset'],
    ['VPN verbindet sich nicht', 'it-vpn'],
    ['Wie beantrage ich Urlaub?', 'hr-vacation-request'],
    ['wie viele urlaubstage habe ich noch', 'hr-vacation-balance'],
    ['Wo finde ich meine Gehaltsabrechnung?', 'hr-payslip'],
    ['Heizung im Büro ist kalt', 'fac-heating'],
    ['Reisekosten abrechnen', 'fin-travel-expenses'],
    ['I forgot my password', 'it-password-reset'],
    ['how do I book a meeting room', 'fac-room-booking'],
    ['where is my payslip', 'hr-payslip'],
    ['I lost my badge', 'fac-access-badge']
  ])('answers %p with %s', (text, id) => {
    const recognition = top(text);
    expect(recognition.decision).toBe('answer');
    expect(recognition.top?.id).toBe(id);
    expect(recognition.top!.score).toBeGreaterThanOrEqual(thresholds.answer);
    expect(recognition.top!.score).toBeLessThanOrEqual(1);
  });

  it.each([
    ['Ich habe mein Pasword vergesen', 'it-password-reset'],
    ['passwrot zurücksetzen', 'it-password-reset'],
    ['Gehaltsabrechung finden', 'hr-payslip'],
    ['Urlaubsantrg stellen', 'hr-vacation-request'],
    ['I forgott my pasword', 'it-password-reset'],
    ['travel expnses', 'fin-travel-expenses'],
    ['Reisekostn abrechnen', 'fin-travel-expenses']
  ])('finds the entry despite typos: %p', (text, id) => {
    expect(top(text).top?.id).toBe(id);
  });

  it.each([
    ['Kennwort weg, wie komme ich wieder rein?', 'it-password-reset'],
    ['Mein Konto ist nach zu vielen Fehlversuchen gesperrt', 'it-account-locked'],
    ['Mein Sohn hat Fieber und ich muss zu Hause bleiben', 'hr-child-sick'],
    ['In Raum 2.14 ist es eiskalt', 'fac-heating'],
    ['Bis wann muss ich meine Belege einreichen?', 'fin-expense-deadline'],
    ['my daughter is ill and I need to stay at home with her', 'hr-child-sick'],
    ['The radiator in my office is not getting warm', 'fac-heating']
  ])('understands the paraphrase %p', (text, id) => {
    expect(top(text).candidates.map((c) => c.id)).toContain(id);
    expect(top(text).top?.id).toBe(id);
  });

  it.each(['Wer gewinnt die Fußball-WM?', 'Wie wird das Wetter morgen in Berlin?', 'asdf qwer', 'what is the capital of australia', 'tell me a joke'])(
    'treats %p as out of scope',
    (text) => {
      expect(top(text).decision).toBe('out_of_scope');
    }
  );

  it('detects the language per message and falls back for messages without clear language', () => {
    expect(top('Wo finde ich meine Gehaltsabrechnung?', 'en')).toMatchObject({ language: 'de', languageDetected: true });
    expect(top('Where can I find my payslip?', 'de')).toMatchObject({ language: 'en', languageDetected: true });
    expect(top('VPN', 'en')).toMatchObject({ language: 'en', languageDetected: false });
    expect(top('VPN', 'de')).toMatchObject({ language: 'de', languageDetected: false });
    expect(top('Drucker', 'en').top?.id).toBe('it-printer');
  });

  it.each([
    ['Ja, an Facility Management', 'de'],
    ['Yes, to Facility Management', 'en'],
    ['Jean-Pierre van der Berg', 'en'],
    ['Max Mustermann', 'en'],
    ['Laptop, Monitor, Headset', 'de'],
    ['Sales Team Hamburg', 'de'],
    ['mittel', 'en'],
    ['high', 'de'],
    ['January 15, 2027', 'de'],
    ['15.01.', 'en']
  ] as const)('does not take %p as a change of language (conversation in %s)', (text, language) => {
    expect(top(text, language)).toMatchObject({ language, languageDetected: false });
  });

  it.each([
    ['I want to talk to a person', 'de', 'en'],
    ['my printer is broken', 'de', 'en'],
    ['mein Drucker ist kaputt', 'en', 'de'],
    ['Vielen Dank für die Hilfe', 'en', 'de']
  ] as const)('takes the sentence %p as written in the other language (%s → %s)', (text, from, to) => {
    expect(top(text, from)).toMatchObject({ language: to, languageDetected: true });
  });

  it('keeps the language for one of the bot\'s own button titles, whatever it looks like', () => {
    expect(recognizer.recognize('High – I cannot work', 'de', { keepLanguage: true })).toMatchObject({ language: 'de', languageDetected: false });
    expect(top('High – I cannot work', 'de')).toMatchObject({ language: 'en', languageDetected: true });
  });

  it('guesses the owning department of messages no FAQ entry covers', () => {
    expect(top('Der Aufzug im B-Gebäude steckt fest').department?.id).toBe('facility');
    expect(top('Mein zweiter Bildschirm flackert').department?.id).toBe('it');
    expect(top('Ich habe eine Frage zu meiner Lohnsteuerklasse').department?.id).toBe('hr');
    expect(top('I need a new cost center for project X', 'en').department?.id).toBe('finance');
    expect(top('Wer gewinnt die Fußball-WM?').department).toBeNull();
  });

  it('offers two or three close candidates instead of guessing', () => {
    const recognition = top('Karte verloren');
    expect(recognition.decision).toBe('disambiguate');
    expect(recognition.candidates.length).toBeGreaterThanOrEqual(2);
    expect(recognition.candidates.length).toBeLessThanOrEqual(3);
    expect(recognition.candidates.map((c) => c.id)).toEqual(expect.arrayContaining(['fac-access-badge', 'it-lost-device']));
  });

  it('asks back when confidence is low', () => {
    const recognition = top('Tastatur');
    expect(recognition.decision).toBe('clarify');
    expect(recognition.top?.id).toBe('it-peripherals');
  });

  it('ranks candidates best first with scores in [0,1]', () => {
    const { candidates } = top('Reisekosten');
    expect(candidates.length).toBeGreaterThan(1);
    for (let i = 1; i < candidates.length; i++) expect(candidates[i - 1].score).toBeGreaterThanOrEqual(candidates[i].score);
    for (const c of candidates) expect(c.score).toBeGreaterThanOrEqual(0);
  });

  it('uses the configured thresholds: a strict answer threshold turns an answer into asking back', () => {
    const content = loadContent({ knowledgeDir: path.join(root, 'knowledge'), intentsDir: path.join(root, 'intents') });
    const strict = trainRecognizer(content, (language) => createIntentClassifier(language), { answer: 1, disambiguate: 1, outOfScope: 0.12 });
    expect(strict.recognize('Urlaub', 'de').decision).toBe('clarify');
  });
  it('remembers short messages per fallback language, and no caller can change the remembered result', () => {
    const first = recognizer.recognize('VPN?', 'de');
    expect(() => {
      (first.candidates as unknown as unknown[]).length = 0;
    }).toThrow(TypeError);
    expect(recognizer.recognize('VPN?', 'de')).toEqual(first);
    expect(recognizer.recognize('VPN?', 'de').candidates.length).toBeGreaterThan(0);
    expect(recognizer.recognize('VPN?', 'en').language).toBe('en');
  });
});
