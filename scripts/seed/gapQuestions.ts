import type { Language } from '../../bot/content/schema';

/**
 * Questions the demo knowledge base cannot answer, as employees would type them: groups of
 * paraphrases (one topic each) per department, in German and English. The demo seed draws the
 * `unanswered` events from them, so the dashboard shows realistic knowledge gaps; the clustering
 * tests use them as the paraphrase set.
 */
export interface GapTopic {
  topic: string;
  department: string;
  questions: Array<{ text: string; language: Language }>;
}

const de = (text: string) => ({ text, language: 'de' as const });
const en = (text: string) => ({ text, language: 'en' as const });

export const GAP_TOPICS: GapTopic[] = [
  {
    topic: 'jira-access',
    department: 'it',
    questions: [
      de('Wie bekomme ich Zugang zu Jira?'),
      de('Jira Zugang beantragen'),
      de('Ich brauche einen Zugang für Jira'),
      de('Zugriff auf Jira fehlt mir noch'),
      en('How do I get access to Jira?'),
      en('I need Jira access for my project')
    ]
  },
  {
    topic: 'time-tracking-password',
    department: 'it',
    questions: [
      de('Ich habe das Passwort für die Zeiterfassung vergessen'),
      de('Zeiterfassung Passwort zurücksetzen'),
      de('Passwort Zeiterfassung vergessen, was tun?'),
      en('I forgot my password for the time tracking system')
    ]
  },
  {
    topic: 'sap-password',
    department: 'it',
    questions: [de('SAP Passwort zurücksetzen'), de('Ich habe mein SAP-Passwort vergessen'), de('Passwort für SAP vergessen'), en('How do I reset my SAP password?')]
  },
  {
    topic: 'jobrad',
    department: 'hr',
    questions: [
      de('Wie beantrage ich ein Jobrad?'),
      de('Jobrad beantragen'),
      de('Gibt es bei uns ein Jobrad?'),
      de('Kann ich über die Firma ein Jobrad leasen?'),
      en('How do I apply for a JobRad bike?'),
      en('Is there a JobRad bike leasing offer?')
    ]
  },
  {
    topic: 'works-council',
    department: 'hr',
    questions: [de('Wer ist im Betriebsrat?'), de('Wie erreiche ich den Betriebsrat?'), de('Betriebsrat Kontakt'), en('How do I contact the works council?'), en('Who is on the works council?')]
  },
  {
    topic: 'sabbatical',
    department: 'hr',
    questions: [de('Kann ich ein Sabbatical machen?'), de('Sabbatical beantragen'), de('Gibt es eine Regelung für ein Sabbatical?'), en('Can I take a sabbatical?'), en('What is the sabbatical policy?')]
  },
  {
    topic: 'ev-charging',
    department: 'facility',
    questions: [
      de('Gibt es Ladestationen für E-Autos?'),
      de('Wo kann ich mein E-Auto laden?'),
      de('E-Auto Ladestation auf dem Parkplatz'),
      en('Where can I charge my electric car?'),
      en('Is there an electric car charging station?')
    ]
  },
  {
    topic: 'standing-desk',
    department: 'facility',
    questions: [
      de('Kann ich einen höhenverstellbaren Schreibtisch bekommen?'),
      de('Höhenverstellbaren Schreibtisch beantragen'),
      de('Ich hätte gern einen höhenverstellbaren Schreibtisch'),
      en('How do I get a standing desk?'),
      en('Can I request a standing desk?')
    ]
  },
  {
    topic: 'foreign-currency',
    department: 'finance',
    questions: [
      de('Wie rechne ich Belege in Fremdwährung ab?'),
      de('Welcher Wechselkurs gilt für Belege in Fremdwährung?'),
      de('Fremdwährung Belege abrechnen'),
      en('Which exchange rate applies to receipts in a foreign currency?'),
      en('How do I claim expenses in a foreign currency?')
    ]
  },
  {
    topic: 'new-supplier',
    department: 'finance',
    questions: [de('Wie lege ich einen neuen Lieferanten an?'), de('Neuen Lieferanten anlegen lassen'), de('Lieferant neu anlegen, wer macht das?'), en('How do I set up a new supplier?'), en('Create a new supplier in the system')]
  }
];

/** Single questions without a group (noise in the knowledge gaps). */
export const GAP_SINGLES: Array<{ text: string; language: Language; department: string }> = [
  { ...de('Darf ich meinen Hund mit ins Büro bringen?'), department: 'facility' },
  { ...de('Wann ist die nächste Betriebsversammlung?'), department: 'hr' },
  { ...en('Can I get a second badge for my car park?'), department: 'facility' },
  { ...de('Wie storniere ich eine bereits bezahlte Rechnung?'), department: 'finance' },
  { ...en('Does the company pay for my gym membership?'), department: 'hr' },
  { ...de('Bekomme ich eine Lizenz für Adobe Illustrator?'), department: 'it' }
];
