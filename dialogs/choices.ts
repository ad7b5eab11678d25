import { ListStyle, type Choice, type PromptOptions } from 'botbuilder-dialogs';
import type { Language } from '../bot/content/schema';
import { messagesFor } from '../bot/i18n/messages';

export const YES = 'yes';
export const NO = 'no';

const yesWords: Record<Language, string[]> = {
  de: ['ja', 'jo', 'jawohl', 'klar', 'gerne', 'gern', 'ok', 'okay', 'passt', 'genau', 'richtig', 'bitte'],
  en: ['yes', 'yeah', 'yep', 'sure', 'ok', 'okay', 'please', 'correct', 'right']
};
const noWords: Record<Language, string[]> = {
  de: ['nein', 'nee', 'ne', 'nö', 'nicht', 'lieber nicht', 'falsch'],
  en: ['no', 'nope', 'not', 'no thanks', 'wrong']
};

/**
 * Yes/no as a choice prompt rather than botbuilder's ConfirmPrompt: ConfirmPrompt reads the
 * activity's locale, while the bot answers in the language it detected for the user.
 */
export function yesNoPrompt(language: Language, prompt: string): PromptOptions {
  const t = messagesFor(language);
  const choices: Choice[] = [
    { value: YES, action: { type: 'imBack', title: t.yes(), value: t.yes() }, synonyms: [t.yes(), ...yesWords.de, ...yesWords.en] },
    { value: NO, action: { type: 'imBack', title: t.no(), value: t.no() }, synonyms: [t.no(), ...noWords.de, ...noWords.en] }
  ];
  return { prompt, retryPrompt: prompt, choices, style: ListStyle.suggestedAction };
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
