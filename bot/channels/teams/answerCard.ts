import { CardFactory, MessageFactory, type Activity } from 'botbuilder';
import { markdownWithLists } from '../markdownLists';

export interface FaqAnswerCard {
  faqId: string;
  answer: string;
  /** "Mehr dazu:" and the entry's links; no section when there are none. */
  linksTitle: string;
  links: Array<{ title: string; url: string }>;
  /** "Hat das geholfen?" and the button titles. */
  question: string;
  yes: string;
  no: string;
}

/** Adaptive Card 1.4: the newest version every Teams client renders. */
const CARD_VERSION = '1.4';

/**
 * A FAQ answer for Teams: an Adaptive Card with the answer, its links and "Ja, danke"/"Nein" buttons
 * (Action.Submit with `{ feedback, faqId }`, read by the answer feedback dialog). The card carries no
 * `text`, which Teams would show as a second message; `summary` holds the plain text for
 * notifications and the bot's transcript.
 */
export function faqAnswerCardActivity(card: FaqAnswerCard): Partial<Activity> {
  const linkList = card.links.map((link) => `- [${link.title}](${link.url})`).join('\n');
  const body = [
    // Steps ("1. …") and paragraphs as Markdown the card renders as a list (TextBlocks read Markdown too).
    { type: 'TextBlock', text: markdownWithLists(card.answer), wrap: true },
    ...(card.links.length > 0
      ? [
          { type: 'TextBlock', text: card.linksTitle, wrap: true, weight: 'Bolder', spacing: 'Medium' },
          { type: 'TextBlock', text: linkList, wrap: true, spacing: 'Small' }
        ]
      : []),
    { type: 'TextBlock', text: card.question, wrap: true, spacing: 'Medium' }
  ];
  const actions = [
    { type: 'Action.Submit', title: card.yes, data: { feedback: 'yes', faqId: card.faqId } },
    { type: 'Action.Submit', title: card.no, data: { feedback: 'no', faqId: card.faqId } }
  ];
  const activity = MessageFactory.attachment(
    CardFactory.adaptiveCard({ type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: CARD_VERSION, body, actions })
  );
  const links = card.links.map((link) => `• ${link.title}: ${link.url}`).join('\n');
  activity.summary = [card.answer, card.links.length > 0 ? `${card.linksTitle}\n${links}` : '', card.question].filter(Boolean).join('\n\n');
  return activity;
}
