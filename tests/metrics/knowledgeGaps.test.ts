import path from 'node:path';
import type { InteractionEvent } from '../../bot/analytics/interactionLog';
import type { Language } from '../../bot/content/schema';
import { loadContent } from '../../bot/content/loadContent';
import { clusterGaps, gapQuestions, gapTerms, termBackground, type GapQuestion } from '../../bot/metrics/knowledgeGaps';
import { GAP_SINGLES, GAP_TOPICS } from '../../scripts/seed/gapQuestions';

/** Knowledge-gap clustering: paraphrases together, different questions apart, stable ids. */
describe('knowledge gaps', () => {
  const content = loadContent({ knowledgeDir: path.resolve('knowledge'), intentsDir: path.resolve('intents') });
  const background = termBackground(
    (['de', 'en'] as const).flatMap((language) => content.faq[language].flatMap((e) => [e.question, ...e.alternatives].map((text) => ({ text, language }))))
  );

  let minute = 0;
  const gap = (text: string, department = 'hr', language: Language = 'de'): GapQuestion => {
    minute += 1;
    return { key: `key-${minute}`, kind: 'unanswered', text, language, department, at: new Date(Date.UTC(2026, 10, 2, 8, minute)).toISOString() };
  };
  const texts = (cluster: { examples: Array<{ text: string }> }) => cluster.examples.map((e) => e.text).sort();

  it('reduces a question to stemmed content words', () => {
    expect(gapTerms('Wie beantrage ich ein Jobrad?', 'de')).toEqual(['beantrag', 'jobrad']);
    expect(gapTerms('Ich habe das Passwort für die Zeiterfassung vergessen', 'de')).toEqual(['passwort', 'zeiterfass', 'vergess']);
    expect(gapTerms('How do I get access to Jira?', 'en')).toEqual(['access', 'jira']);
    expect(gapTerms('Wie geht das?', 'de')).toEqual([]);
  });

  it('puts paraphrases into one cluster and unrelated questions into others', () => {
    const questions = [
      gap('Wie beantrage ich ein Jobrad?'),
      gap('Wer ist im Betriebsrat?'),
      gap('Jobrad beantragen'),
      gap('Darf ich meinen Hund mit ins Büro bringen?'),
      gap('Gibt es bei uns ein Jobrad?'),
      gap('Wie erreiche ich den Betriebsrat?'),
      gap('Kann ich über die Firma ein Jobrad leasen?')
    ];
    const clusters = clusterGaps(questions, { background });
    expect(clusters.map((c) => c.count)).toEqual([4, 2, 1]);
    expect(texts(clusters[0])).toEqual(['Gibt es bei uns ein Jobrad?', 'Jobrad beantragen', 'Kann ich über die Firma ein Jobrad leasen?', 'Wie beantrage ich ein Jobrad?']);
    expect(texts(clusters[1])).toEqual(['Wer ist im Betriebsrat?', 'Wie erreiche ich den Betriebsrat?']);
    expect(clusters[1].representative.text).toMatch(/Betriebsrat/);
    expect(clusters[2].representative.text).toBe('Darf ich meinen Hund mit ins Büro bringen?');
  });

  it('keeps questions apart that share only generic words (password for SAP vs. for time tracking)', () => {
    const clusters = clusterGaps(
      [
        gap('Ich habe das Passwort für die Zeiterfassung vergessen', 'it'),
        gap('Passwort für SAP vergessen', 'it'),
        gap('Zeiterfassung Passwort zurücksetzen', 'it'),
        gap('SAP Passwort zurücksetzen', 'it')
      ],
      { background }
    );
    expect(clusters.map(texts)).toEqual([
      ['Ich habe das Passwort für die Zeiterfassung vergessen', 'Zeiterfassung Passwort zurücksetzen'],
      ['Passwort für SAP vergessen', 'SAP Passwort zurücksetzen']
    ]);
  });

  it('clusters per owning department, English and German alike', () => {
    const clusters = clusterGaps(
      [gap('How do I get access to Jira?', 'it', 'en'), gap('I need Jira access for my project', 'it', 'en'), gap('Jira access', 'facility', 'en')],
      { background }
    );
    expect(clusters.map((c) => [c.department, c.count, c.languages])).toEqual([
      ['facility', 1, ['en']],
      ['it', 2, ['en']]
    ]);
  });

  it('no cluster of the demo gap set mixes two topics', () => {
    const topicOf = new Map<string, string>();
    const questions: GapQuestion[] = [];
    for (const topic of GAP_TOPICS) {
      for (const q of topic.questions) {
        const g = gap(q.text, topic.department, q.language);
        topicOf.set(g.key, topic.topic);
        questions.push(g);
      }
    }
    for (const single of GAP_SINGLES) {
      const g = gap(single.text, single.department, single.language);
      topicOf.set(g.key, g.key);
      questions.push(g);
    }
    const clusters = clusterGaps(questions, { background });
    for (const cluster of clusters) expect(new Set(cluster.keys.map((k) => topicOf.get(k))).size).toBe(1);
    // German paraphrases of a topic find each other (English ones form a cluster of their own).
    const jobrad = clusters.find((c) => c.representative.text.includes('Jobrad'))!;
    expect(jobrad.count).toBeGreaterThanOrEqual(4);
  });

  it('gives stable ids and the most central question as representative, at most five distinct examples', () => {
    const base = [gap('Sabbatical beantragen'), gap('Kann ich ein Sabbatical machen?'), gap('Sabbatical beantragen'), gap('Gibt es eine Regelung für ein Sabbatical?')];
    const first = clusterGaps(base, { background });
    const again = clusterGaps([...base].reverse(), { background });
    expect(again).toEqual(first);
    expect(first).toHaveLength(1);
    expect(first[0].count).toBe(4);
    expect(first[0].examples).toHaveLength(3); // the repeated question once
    expect(first[0].representative.text).toBe('Sabbatical beantragen');
    // A later question joins without changing the id (the id is the department and the oldest question).
    const grown = clusterGaps([...base, gap('Sabbatical Regelung'), gap('sabbatical antrag'), gap('Sabbatical für 3 Monate?')], { background });
    expect(grown[0].id).toBe(first[0].id);
    expect(grown[0].examples.length).toBeLessThanOrEqual(5);
  });

  it('leaves out addressed questions and reads unanswered and unhelpful events', () => {
    const events: InteractionEvent[] = [
      { kind: 'unanswered', at: '2026-11-02T08:00:00.000Z', conversationId: 'a', userId: 'u', language: 'de', text: 'Wie beantrage ich ein Jobrad?', department: 'hr' },
      { kind: 'feedback', at: '2026-11-02T09:00:00.000Z', conversationId: 'b', userId: 'u', language: 'de', faqId: 'hr-home-office', helpful: false, question: 'Jobrad beantragen', department: 'hr' },
      { kind: 'feedback', at: '2026-11-02T09:30:00.000Z', conversationId: 'c', userId: 'u', language: 'de', faqId: 'hr-payslip', helpful: true, question: 'Gehaltsabrechnung', department: 'hr' },
      { kind: 'question', at: '2026-11-02T10:00:00.000Z', conversationId: 'd', userId: 'u', language: 'de', text: 'Jobrad', decision: 'out_of_scope' },
      { kind: 'unanswered', at: '2026-11-02T11:00:00.000Z', conversationId: 'e', userId: 'u', language: 'de', text: 'Wo ist der Hund?' }
    ];
    const questions = gapQuestions(events);
    expect(questions.map((q) => [q.kind, q.department])).toEqual([
      ['unanswered', 'hr'],
      ['not_helpful', 'hr'],
      ['unanswered', 'unassigned']
    ]);
    const [jobrad] = clusterGaps(questions, { background }).filter((c) => c.department === 'hr');
    expect(jobrad).toMatchObject({ count: 2, kinds: { unanswered: 1, notHelpful: 1 }, faqIds: ['hr-home-office'] });
    const remaining = clusterGaps(questions, { background, addressed: new Set(jobrad.keys) });
    expect(remaining.map((c) => c.department)).toEqual(['unassigned']);
  });
});
