import { Channels, MessageFactory, type TurnContext } from 'botbuilder';
import { faqAnswerCardActivity } from '../bot/channels/teams/answerCard';
import type { KnowledgeBase } from '../bot/content/knowledgeBase';
import type { Language } from '../bot/content/schema';
import { messagesFor } from '../bot/i18n/messages';
import type { Candidate } from '../bot/nlu/recognizer';
import { feedbackChoices } from './choices';

/** Sends a FAQ entry's answer with its links, in the given language, and asks whether it helped. */
export async function sendFaqAnswer(context: TurnContext, knowledge: KnowledgeBase, id: string, language: Language): Promise<void> {
  const entry = knowledge.entry(id, language);
  if (!entry) throw new Error(`FAQ entry "${id}" does not exist in ${language}`);
  const t = messagesFor(language);
  // Teams: suggested actions do not show in team channels, so the answer and its buttons are an Adaptive Card.
  if (context.activity.channelId === Channels.Msteams) {
    const card = { faqId: id, answer: entry.answer, linksTitle: t.answerLinks(), links: entry.links, question: t.feedbackQuestion() };
    await context.sendActivity(faqAnswerCardActivity({ ...card, yes: t.feedbackYes(), no: t.feedbackNo() }));
    return;
  }
  const links = entry.links.map((link) => `• [${link.title}](${link.url})`);
  const body = links.length > 0 ? `${entry.answer}\n\n${t.answerLinks()}\n${links.join('\n')}` : entry.answer;
  const activity = MessageFactory.suggestedActions(
    feedbackChoices(language).map((choice) => choice.action!),
    `${body}\n\n${t.feedbackQuestion()}`
  );
  activity.textFormat = 'markdown';
  await context.sendActivity(activity);
}

/** How a candidate is shown as an option: the FAQ question, or the intent's title. */
export function candidateTitle(candidate: Candidate, knowledge: KnowledgeBase, language: Language): string {
  if (candidate.kind === 'faq') return knowledge.entry(candidate.id, language)?.question ?? candidate.id;
  return messagesFor(language).intentTitles()[candidate.id] ?? candidate.id;
}

/** The help text: what the bot can do, per department. */
export function helpText(knowledge: KnowledgeBase, language: Language): string {
  const t = messagesFor(language);
  const departments = knowledge.departments
    .map((d) => t.helpDepartment({ name: d.name[language], description: d.description[language] }))
    .join('\n');
  return t.help({ departments });
}
