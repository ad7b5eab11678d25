import { seededRandom } from './random';

/** One message of a conversation; `expect` (when given) must match one of the bot's reply texts. */
export interface Turn {
  text: string;
  expect?: RegExp;
}

/** A scripted conversation: its turns are sent one after another, each after the previous reply. */
export interface ConversationScript {
  kind: string;
  locale: 'de-DE' | 'en-US';
  turns: Turn[];
}

const ANSWERED = /geholfen\?|Did that help\?/;
const TICKET = /IT-\d{4,}/;
const DISCARDED = /verworfen|discarded/;

/** FAQ questions as employees type them (paraphrased, some typos); not copied from the training phrasings. */
const FAQ = {
  de: [
    'Ich habe mein Passwort vergessen',
    'mein konto ist gesperrt, was nun?',
    'Wie komme ich von zuhause ins Firmennetz?',
    'der drucker druckt nicht',
    'Wie beantrage ich Urlaub?',
    'wie viele urlaubstage hab ich noch',
    'Wo finde ich meine Gehaltsabrechnung?',
    'ich bin krank, wie melde ich mich krank?',
    'Wie reiche ich meine Reisekosten ein?',
    'Wie hoch ist die Verpflegungspauschale auf Dienstreisen?',
    'ich habe meinen mitarbeiterausweis verloren',
    'Wie buche ich einen Besprechungsraum?',
    'die heizung in meinem büro geht nicht',
    'Wo kann ich mein Fahrrad abstellen?',
    'Wie melde ich einen Besucher an?',
    'Welche Kostenstelle muss ich angeben?',
    'Wie bekomme ich eine Firmenkreditkarte?',
    'ich habe einen beleg verloren',
    'Wie funktioniert die betriebliche Altersvorsorge?',
    'Wie richte ich die Zwei-Faktor-Authentifizierung ein?'
  ],
  en: [
    'I forgot my password',
    'my account is locked, what now?',
    'how do I connect to the VPN from home?',
    'the printer is not printing',
    'How do I request vacation?',
    'how many days of leave do I have left',
    'Where can I find my payslip?',
    "I'm sick, how do I call in sick?",
    'How do I submit my travel expenses?',
    'how much is the per diem on business trips?',
    'I lost my employee badge',
    'How do I book a meeting room?',
    "the heating in my office isn't working",
    'Where can I park my bike?',
    'How do I register a visitor?',
    'Which cost center should I use?',
    'How do I get a company credit card?',
    'I lost a receipt',
    'How does the company pension work?',
    'how do I set up multi factor authentication'
  ]
} as const;

/** Messages no FAQ entry covers; the bot offers to forward them (the employee declines). */
const OUT_OF_SCOPE = {
  de: ['Wie wird das Wetter morgen?', 'wer hat gestern das spiel gewonnen', 'Kannst du mir ein Rezept für Lasagne geben?', 'was läuft heute im kino'],
  en: ["What's the weather tomorrow?", 'who won the game last night', 'can you give me a lasagna recipe?', "what's on at the cinema tonight"]
} as const;

const IT_REPORT = {
  de: [
    { text: 'Störung melden' },
    { text: 'Drucker' },
    { text: 'Der Drucker im 2. OG druckt nur leere Seiten' },
    { text: 'seit heute morgen' },
    { text: 'Mittel – ich bin eingeschränkt' },
    { text: 'ja', expect: TICKET }
  ],
  en: [
    { text: 'I want to report an IT issue' },
    { text: 'Printer' },
    { text: 'The printer on the 2nd floor only prints blank pages' },
    { text: 'since this morning' },
    { text: 'Medium – I am restricted' },
    { text: 'yes', expect: TICKET }
  ]
} as const;

const WORDS = {
  de: { yes: 'ja', no: 'nein', thanks: 'danke', hello: 'hallo', help: 'hilfe', status: 'Wie ist der Stand meiner Anfrage?' },
  en: { yes: 'yes', no: 'no', thanks: 'thanks', hello: 'hello', help: 'help', status: "what's the status of my request?" }
} as const;

type Lang = keyof typeof FAQ;

/** The six-step report; without filing, the employee declines the summary and no ticket is written. */
function itReport(lang: Lang, file: boolean): Turn[] {
  const turns: Turn[] = IT_REPORT[lang].map((t) => ({ ...t }));
  if (!file) turns[turns.length - 1] = { text: WORDS[lang].no, expect: DISCARDED };
  return turns;
}

type Maker = (lang: Lang, pick: <T>(list: readonly T[]) => T, fileTickets: boolean) => Turn[];

/** The conversation kinds and their shares of all conversations. */
const MIX: Array<{ kind: string; weight: number; make: Maker }> = [
  // A FAQ question, then "yes, that helped".
  { kind: 'faq', weight: 0.35, make: (l, pick) => [{ text: pick(FAQ[l]), expect: ANSWERED }, { text: WORDS[l].yes }] },
  // Two FAQ questions in a row (the second one instead of feedback), then thanks.
  {
    kind: 'faq-twice',
    weight: 0.15,
    make: (l, pick) => [{ text: pick(FAQ[l]), expect: ANSWERED }, { text: pick(FAQ[l]), expect: ANSWERED }, { text: WORDS[l].thanks }]
  },
  // The six-step IT problem report, filed at the end.
  { kind: 'it-report', weight: 0.15, make: (l, _pick, file) => itReport(l, file) },
  // Out of scope: the bot offers to forward, the employee declines.
  { kind: 'out-of-scope', weight: 0.2, make: (l, pick) => [{ text: pick(OUT_OF_SCOPE[l]) }, { text: WORDS[l].no }] },
  // Small talk and help.
  { kind: 'small-talk', weight: 0.1, make: (l) => [{ text: WORDS[l].hello }, { text: WORDS[l].help }, { text: WORDS[l].thanks }] },
  // Status of my requests (reads the department queues).
  { kind: 'status', weight: 0.05, make: (l) => [{ text: WORDS[l].status }] }
];

/**
 * An endless, seeded stream of conversation scripts: half German, half English, mixed as {@link MIX}
 * says. Two streams with the same seed give the same conversations, so the echo bot and the real bot
 * are driven identically.
 * @param fileTickets false: IT reports end with "no" instead of filing the ticket (to measure the bot
 *   without its request queues).
 */
export function conversationStream(seed: number, fileTickets = true): () => ConversationScript {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const total = MIX.reduce((sum, m) => sum + m.weight, 0);
  return () => {
    const lang: Lang = random() < 0.5 ? 'de' : 'en';
    let r = random() * total;
    const chosen = MIX.find((m) => (r -= m.weight) < 0) ?? MIX[MIX.length - 1];
    return { kind: chosen.kind, locale: lang === 'de' ? 'de-DE' : 'en-US', turns: chosen.make(lang, pick, fileTickets) };
  };
}

/** The average number of turns per conversation of the mix (for the report). */
export function turnsPerConversation(): number {
  const pick = <T>(list: readonly T[]) => list[0];
  const total = MIX.reduce((sum, m) => sum + m.weight, 0);
  return MIX.reduce((sum, m) => sum + (m.weight / total) * m.make('de', pick, true).length, 0);
}
