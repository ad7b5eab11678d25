import { DEFAULT_OUT_OF_SCOPE_THRESHOLD, isOutOfScope } from '../../bot/nlu/outOfScope';
import { createIntentClassifier, TextClassifier } from '../../bot/nlu/textClassifier';
import type { LabelledText } from '../../bot/nlu/types';

const german: LabelledText[] = [
  ...['Ich habe mein Passwort vergessen', 'Passwort zurücksetzen', 'Kennwort vergessen, was tun?', 'Wie ändere ich mein Passwort?', 'Mein Passwort ist abgelaufen'].map(
    (text) => ({ text, label: 'passwort' })
  ),
  ...['Wie beantrage ich Urlaub?', 'Urlaubsantrag stellen', 'Ich möchte Urlaub nehmen', 'Urlaub einreichen', 'Wo stelle ich einen Urlaubsantrag?'].map(
    (text) => ({ text, label: 'urlaub' })
  ),
  ...['Der Drucker druckt nicht', 'Drucker funktioniert nicht', 'Papierstau im Drucker', 'Ich kann nicht drucken', 'Drucker einrichten'].map(
    (text) => ({ text, label: 'drucker' })
  ),
  ...['Wie wird das Wetter morgen?', 'Erzähl mir einen Witz', 'Wer gewinnt die Bundesliga?'].map((text) => ({ text, label: 'oos' }))
];

const english: LabelledText[] = [
  ...['I forgot my password', 'reset my password', 'how do I change my password', 'my password expired'].map((text) => ({ text, label: 'password' })),
  ...['book a meeting room', 'reserve a conference room for tomorrow', 'I need a room for a meeting', 'meeting room booking'].map(
    (text) => ({ text, label: 'room' })
  ),
  ...['where is my payslip', 'I cannot find my pay slip', 'salary statement for March', 'download my payslip'].map((text) => ({ text, label: 'payslip' }))
];

describe('TextClassifier', () => {
  it('learns a small German set and ranks the right intent first, robust to umlauts, compounds and typos', () => {
    const classifier = new TextClassifier('de');
    classifier.train(german);
    expect(classifier.labels).toEqual(['passwort', 'urlaub', 'drucker', 'oos']);
    for (const [text, label] of [
      ['Passwort vergessen', 'passwort'],
      ['PASSWORT VERGESSEN!!', 'passwort'],
      ['Ich muss mein Pasword zuruecksetzen', 'passwort'],
      ['Urlaubsanträge', 'urlaub'],
      ['Antrag auf Urlaub', 'urlaub'],
      ['der drucker geht nicht', 'drucker'],
      ['Druckr kaputt', 'drucker']
    ]) {
      expect([text, classifier.classify(text, 1)[0].label]).toEqual([text, label]);
    }
  });

  it('learns a small English set', () => {
    const classifier = createIntentClassifier('en');
    classifier.train(english);
    expect(classifier.language).toBe('en');
    expect(classifier.classify('I have forgotten my passwrd', 1)[0].label).toBe('password');
    expect(classifier.classify('can I book a room for a meeting', 1)[0].label).toBe('room');
    expect(classifier.classify('payslips', 1)[0].label).toBe('payslip');
  });

  it('returns calibrated scores: in [0,1], best first, summing to at most 1', () => {
    const classifier = new TextClassifier('de');
    classifier.train(german);
    for (const text of ['Passwort vergessen', 'xyz', '', 'Urlaub und Drucker']) {
      const all = classifier.classify(text, 10);
      expect(all).toHaveLength(4);
      for (const s of all) {
        expect(s.score).toBeGreaterThanOrEqual(0);
        expect(s.score).toBeLessThanOrEqual(1);
      }
      for (let i = 1; i < all.length; i++) expect(all[i - 1].score).toBeGreaterThanOrEqual(all[i].score);
      expect(all.reduce((sum, s) => sum + s.score, 0)).toBeLessThanOrEqual(1 + 1e-9);
      const top2 = classifier.classify(text, 2);
      expect(top2).toEqual(all.slice(0, 2));
    }
    // A clear question is confident; gibberish goes to the out-of-scope class.
    expect(classifier.classify('Passwort vergessen', 1)[0].score).toBeGreaterThan(0.8);
    expect(isOutOfScope(classifier.classify('qwertz asdfgh'), DEFAULT_OUT_OF_SCOPE_THRESHOLD)).toBe(true);
  });

  it('is deterministic for the same data, options and seed', () => {
    const a = new TextClassifier('en');
    const b = new TextClassifier('en');
    a.train(english);
    b.train(english);
    for (const text of ['password', 'meeting', 'pay', 'something else']) expect(a.classify(text, 3)).toEqual(b.classify(text, 3));
    const c = new TextClassifier('en', { seed: 7 });
    c.train(english);
    expect(c.classify('password', 1)[0].label).toBe('password');
  });

  it('works with three examples per label, reports progress and retrains from scratch', () => {
    const tiny = english.filter((_, i) => i % 4 !== 3);
    const progress: number[] = [];
    const classifier = new TextClassifier('en');
    classifier.train(tiny, (fraction) => progress.push(fraction));
    expect(progress[0]).toBe(0);
    expect(progress[progress.length - 1]).toBe(1);
    for (let i = 1; i < progress.length; i++) expect(progress[i]).toBeGreaterThanOrEqual(progress[i - 1]);
    expect(classifier.classify('reset password', 1)[0].label).toBe('password');
    classifier.train([
      { text: 'hello', label: 'greeting' },
      { text: 'bye', label: 'goodbye' }
    ]);
    expect(classifier.labels).toEqual(['greeting', 'goodbye']);
  });

  it('explains misuse', () => {
    expect(() => new TextClassifier('en').classify('hi')).toThrow(/not trained/);
    expect(() => new TextClassifier('en').train([])).toThrow(/without examples/);
  });
});
