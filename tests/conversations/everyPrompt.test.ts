import type { Activity } from 'botbuilder';
import type { Language } from '../../bot/content/schema';
import { localeOf } from '../../bot/i18n/locale';
import { messagesFor } from '../../bot/i18n/messages';
import { onEveryTransport, type HarnessBot, type Transcript } from './harness/transcript';
import { TRANSPORT_NAMES, type Outgoing } from './harness/transports';

/**
 * A property of the whole bot, on every transport: whatever an employee writes at whatever prompt of
 * whatever dialog, in German or English, (1) the bot answers with at least one visible message and
 * (2) the conversation's language does not change on a button title, a name, a number, a date or a
 * short answer. Every reply carries the language it is written in as its locale, so (2) is read off
 * the replies; a request filed on the way must carry the conversation's language too.
 *
 * What the dialogs make of each message (taking "mittel" as a choice, a date, "status" mid-dialog) is
 * not asserted here: only these two invariants.
 *
 * Size: 20 prompts × 38 messages × 2 languages = 1520 conversations. Each (prompt, message) pair runs
 * on one transport, taking turns (`PROPERTY_ALL_TRANSPORTS=1` runs every pair on all three): about
 * 500 conversations and 1700 turns per transport (about 45 s for all three on this machine).
 */

type Kind =
  /** A word or two, a number, a date, a name, a command word: the language must stay. */
  | 'short'
  /** A title of one of the bot's own buttons, in either language: the language must stay. */
  | 'button'
  /** A sentence in the conversation's language: the language stays, trivially. */
  | 'sentence'
  /** A sentence in the other language: the conversation may switch. */
  | 'foreign'
  /** No text: a card value, nothing at all, a file: the language must stay. */
  | 'nontext';

interface CorpusMessage {
  say: Outgoing;
  kind: Kind;
}

const text = (kind: Kind, ...texts: string[]): CorpusMessage[] => texts.map((t) => ({ say: { text: t }, kind }));

const NON_TEXT: CorpusMessage[] = [
  { say: { text: '' }, kind: 'nontext' },
  { say: { value: { feedback: 'yes', faqId: 'it-vpn' } }, kind: 'nontext' },
  { say: { value: { something: 'else' } }, kind: 'nontext' },
  { say: { attachments: [{ contentType: 'image/png', contentUrl: 'https://intranet.example.com/screenshot.png', name: 'screenshot.png' }] }, kind: 'nontext' }
];

/** What employees write, per conversation language. */
const CORPUS: Record<Language, CorpusMessage[]> = {
  de: [
    ...text('short', 'ja', 'nein', 'mittel', 'hoch', 'Bildschirm', 'ok', '2', 'noch 2', 'danke', '?', '👍'),
    ...text('short', '2027-01-15', '15.01.', 'nächsten Montag', 'in zwei Wochen'),
    ...text('short', 'hilfe', 'help', 'status', 'abbrechen'),
    ...text('short', 'Max Mustermann', 'Jean-Pierre van der Berg'),
    ...text('button', 'Ja, an Facility Management', 'Andere Abteilung', 'Nein, danke', 'Laptop/PC', 'Hoch – ich kann nicht arbeiten', 'Ja, danke'),
    ...text('button', 'Yes, to Facility Management', 'High – I cannot work'),
    ...text('sentence', 'Ich möchte mit einem Menschen sprechen', 'Wie verbinde ich mich im Homeoffice mit dem VPN?', 'Wie ist der Stand meiner Anfrage?'),
    ...text('foreign', 'I want to talk to a person', 'How do I connect to the VPN from home?'),
    ...NON_TEXT
  ],
  en: [
    ...text('short', 'yes', 'no', 'medium', 'high', 'screen', 'ok', '2', 'still 2', 'thanks', '?', '👍'),
    ...text('short', '2027-01-15', 'January 15, 2027', 'next Monday', 'in two weeks'),
    ...text('short', 'help', 'hilfe', 'status', 'cancel'),
    ...text('short', 'Max Mustermann', 'Jean-Pierre van der Berg'),
    ...text('button', 'Yes, to Facility Management', 'Another department', 'No, thanks', 'Laptop/PC', 'High – I cannot work', 'Yes, thanks'),
    ...text('button', 'Ja, an Facility Management', 'Hoch – ich kann nicht arbeiten'),
    ...text('sentence', 'I want to talk to a person', 'How do I connect to the VPN from home?', 'What is the status of my request?'),
    ...text('foreign', 'Ich möchte mit einem Menschen sprechen', 'Wie verbinde ich mich im Homeoffice mit dem VPN?'),
    ...NON_TEXT
  ]
};

/** What the employee says to get to the prompts, per language. */
const PHRASES = {
  de: {
    itReport: 'Ich möchte eine IT-Störung melden',
    device: 'Laptop/PC',
    description: 'Der Laptop startet nicht mehr, der Bildschirm bleibt schwarz',
    since: 'seit heute Morgen',
    urgency: 'Mittel – ich bin eingeschränkt',
    facilityProblem: 'Im Treppenhaus riecht es nach Gas',
    anyone: 'Ich möchte mit einem Mitarbeiter sprechen',
    unknownTopic: 'Wie wird das Wetter morgen in Hamburg?',
    ambiguous: 'Karte verloren',
    unsure: 'Tastatur',
    no: 'nein',
    yes: 'Ja',
    faq: 'Ich habe mein Passwort vergessen',
    onboarding: 'Ich möchte einen neuen Mitarbeiter anmelden',
    name: 'Max Muster',
    startDate: '01.12.2030',
    team: 'Vertrieb Süd',
    equipment: 'Standard-Laptop',
    person: 'Ich möchte mit jemandem aus der IT sprechen',
    cancel: 'abbrechen'
  },
  en: {
    itReport: 'I want to report an IT problem',
    device: 'Laptop/PC',
    description: 'The laptop does not start any more, the screen stays black',
    since: 'since this morning',
    urgency: 'Medium – I am restricted',
    facilityProblem: 'It smells of gas in the stairwell',
    anyone: 'I want to talk to someone',
    unknownTopic: 'What will the weather be like in Hamburg tomorrow?',
    ambiguous: 'card',
    unsure: 'holiday',
    no: 'no',
    yes: 'Yes',
    faq: 'I forgot my password',
    onboarding: 'I want to register a new employee',
    name: 'Max Muster',
    startDate: '2030-12-01',
    team: 'Sales South',
    equipment: 'Standard laptop',
    person: 'I would like to talk to someone from IT',
    cancel: 'cancel'
  }
} satisfies Record<Language, Record<string, string>>;

type Phrases = (typeof PHRASES)[Language];

/** How to get to a prompt: the transcript up to the bot's question. */
interface Prompt {
  name: string;
  reach: (t: Transcript, p: Phrases, bot: HarnessBot) => Transcript;
}

const itReport = (t: Transcript, p: Phrases) => t.send(p.itReport);
const onboarding = (t: Transcript, p: Phrases) => t.send(p.onboarding);
const handedOver = (t: Transcript, p: Phrases) => t.send(p.person).send(p.yes);
/** Staff resolve the conversation's request in the console; the bot then asks its survey questions. */
const resolvedByStaff = (t: Transcript, p: Phrases, bot: HarnessBot) =>
  handedOver(t, p)
    .meanwhile(async ({ conversationId }) => {
      const request = await bot.app.handoff.activeInConversation(conversationId);
      if (!request) throw new Error('no request was opened');
      await bot.app.handoff.resolve(request.id, { username: 'it.agent', name: 'Jonas Becker' }, 'Passwort zurückgesetzt');
      await bot.app.notifier.idle();
    })
    .waitForProactive();

const PROMPTS: Prompt[] = [
  { name: 'IT report: device', reach: itReport },
  { name: 'IT report: description', reach: (t, p) => itReport(t, p).click(p.device) },
  { name: 'IT report: since when', reach: (t, p) => itReport(t, p).click(p.device).send(p.description) },
  { name: 'IT report: urgency', reach: (t, p) => itReport(t, p).click(p.device).send(p.description).send(p.since) },
  { name: 'IT report: summary', reach: (t, p) => itReport(t, p).click(p.device).send(p.description).send(p.since).click(p.urgency) },
  { name: 'offer to forward to the owning department', reach: (t, p) => t.send(p.facilityProblem) },
  { name: 'yes/no offer to forward', reach: (t, p) => t.send(p.unknownTopic) },
  { name: 'department choice', reach: (t, p) => t.send(p.anyone) },
  { name: 'did you mean (choices)', reach: (t, p) => t.send(p.ambiguous) },
  { name: 'did you mean (yes/no)', reach: (t, p) => t.send(p.unsure) },
  { name: 'asking to rephrase', reach: (t, p) => t.send(p.unsure).send(p.no) },
  { name: 'answer feedback', reach: (t, p) => t.send(p.faq) },
  { name: 'onboarding: name', reach: onboarding },
  { name: 'onboarding: start date', reach: (t, p) => onboarding(t, p).send(p.name) },
  { name: 'onboarding: team', reach: (t, p) => onboarding(t, p).send(p.name).send(p.startDate) },
  { name: 'onboarding: equipment', reach: (t, p) => onboarding(t, p).send(p.name).send(p.startDate).send(p.team) },
  { name: 'onboarding: summary', reach: (t, p) => onboarding(t, p).send(p.name).send(p.startDate).send(p.team).click(p.equipment) },
  { name: 'withdrawing a handed-over request', reach: (t, p) => handedOver(t, p).send(p.cancel) },
  { name: 'survey: solved?', reach: resolvedByStaff },
  { name: 'survey: rating', reach: (t, p, bot) => resolvedByStaff(t, p, bot).click(p.yes) }
];

/** What the bot says when a dialog left a message unanswered (bot/anlaufstelleBot.ts). */
const LAST_RESORT = [messagesFor('de').noReply(), messagesFor('en').noReply()];

const ALL_TRANSPORTS = process.env.PROPERTY_ALL_TRANSPORTS === '1';

/** The language each visible message is written in, by its locale. */
const localesOf = (messages: Partial<Activity>[]) => messages.map((m) => m.locale);

onEveryTransport('property: every message at every prompt gets a visible reply, and the language holds', (bot) => {
  const transportIndex = TRANSPORT_NAMES.indexOf(bot.transport);

  for (const language of ['de', 'en'] as const) {
    PROMPTS.forEach((prompt, promptIndex) => {
      it(`${language.toUpperCase()}: ${prompt.name}`, async () => {
        const locale = localeOf(language);
        const failures: string[] = [];
        const mine = CORPUS[language].filter((_, i) => ALL_TRANSPORTS || (promptIndex + i) % TRANSPORT_NAMES.length === transportIndex);
        for (const [i, message] of mine.entries()) {
          const user = { id: `prop-${language}-${promptIndex}-${i}`, name: 'Erika Muster' };
          const keepsLanguage = message.kind !== 'foreign';
          const label = JSON.stringify(message.say);
          try {
            const reached = prompt.reach(bot.conversation(user, locale), PHRASES[language], bot);
            // Reaching the prompt is in the conversation's language, and so is every reply to the message.
            await reached
              .assertTurn((messages) => expect(localesOf(messages)).toEqual(messages.map(() => locale)))
              .send(message.say)
              .assertTurn((messages) => {
                if (keepsLanguage) expect(localesOf(messages)).toEqual(messages.map(() => locale));
                // The bot's last resort for a turn a dialog left unanswered must never be needed.
                for (const last of LAST_RESORT) expect(messages.map((m) => m.text)).not.toContain(last);
              })
              .startTest();
            if (keepsLanguage) {
              const filed = await bot.app.requests.listByRequester(user.id);
              expect(filed.map((r) => r.language)).toEqual(filed.map(() => language));
            }
          } catch (error) {
            failures.push(`${label}: ${(error as Error).message.split('\n').slice(0, 6).join(' ')}`);
          }
        }
        expect(failures).toEqual([]);
      });
    });
  }
});
