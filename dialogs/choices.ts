import { MessageFactory, type Activity, type CardAction } from 'botbuilder';
import { ListStyle, recognizeChoices, type Choice, type PromptOptions } from 'botbuilder-dialogs';
import type { Language } from '../bot/content/schema';
import { messagesFor } from '../bot/i18n/messages';

export const YES = 'yes';
export const NO = 'no';
export type YesNo = typeof YES | typeof NO;

/** Words for yes and no in both languages: employees answer in either, whatever the bot asked in. */
const synonyms: Record<YesNo, string[]> = {
  yes: ['ja', 'jo', 'jawohl', 'klar', 'gerne', 'gern', 'ok', 'okay', 'passt', 'genau', 'richtig', 'bitte', 'yes', 'yeah', 'yep', 'sure', 'please', 'correct', 'right'],
  no: ['nein', 'nee', 'ne', 'nö', 'nicht', 'lieber nicht', 'falsch', 'no', 'nope', 'not', 'no thanks', 'wrong']
};

function yesNoChoices(language: Language, titles?: Record<YesNo, string>): Choice[] {
  const t = messagesFor(language);
  const shown = titles ?? { yes: t.yes(), no: t.no() };
  return ([YES, NO] as const).map((value) => ({
    value,
    action: { type: 'imBack', title: shown[value], value: shown[value] },
    synonyms: [shown[value], ...synonyms[value]]
  }));
}

/**
 * Yes/no as a choice prompt rather than botbuilder's ConfirmPrompt: ConfirmPrompt reads the
 * activity's locale, while the bot answers in the language it detected for the user.
 */
export function yesNoPrompt(language: Language, prompt: string): PromptOptions {
  return { prompt, retryPrompt: prompt, choices: yesNoChoices(language), style: ListStyle.suggestedAction };
}

/** A yes/no question as one message with buttons, for dialogs that read the answer themselves. */
export function yesNoActivity(language: Language, text: string): Partial<Activity> {
  return MessageFactory.suggestedActions(yesNoChoices(language).map((c) => c.action as CardAction), text);
}

/** The feedback buttons' titles ("Ja, danke" / "Nein") as yes/no choices. */
export function feedbackChoices(language: Language): Choice[] {
  const t = messagesFor(language);
  return yesNoChoices(language, { yes: t.feedbackYes(), no: t.feedbackNo() });
}

/** Reads a typed yes or no in either language, including the feedback buttons' titles. */
export function recognizeYesNo(text: string): YesNo | null {
  const choices = [...feedbackChoices('de'), ...feedbackChoices('en')];
  const found = recognizeChoices(text, choices)[0];
  return found ? (found.resolution.value as YesNo) : null;
}

/** True when the whole text is a yes or a no ("Nein.", "ja gerne" is not), for telling answers from commands. */
export function isPlainYesNo(text: string): boolean {
  const plain = text.toLowerCase().replace(/[.!?,\s]+$/g, '').trim();
  const titles = (['de', 'en'] as const).flatMap((language) => {
    const t = messagesFor(language);
    return [t.yes(), t.no(), t.feedbackYes(), t.feedbackNo()];
  });
  return [...synonyms.yes, ...synonyms.no, ...titles].some((word) => word.toLowerCase() === plain);
}

/** A choice prompt whose buttons show `titles` and whose results carry the matching `values`. */
export function choicePrompt(prompt: string, retryPrompt: string, options: Array<{ value: string; title: string }>): PromptOptions {
  return {
    prompt,
    retryPrompt,
    style: ListStyle.suggestedAction,
    choices: options.map(({ value, title }) => ({ value, action: { type: 'imBack', title, value: title }, synonyms: [title] }))
  };
}
