import type { Language } from '../../content/schema';

/** The texts only the Teams channel says, in both languages. */
const texts = {
  de: {
    tenantRefused: () =>
      'Entschuldigung, die Anlaufstelle steht nur Mitarbeiterinnen und Mitarbeitern unseres Unternehmens zur Verfügung. ' +
      'Ihre Nachricht wurde nicht verarbeitet.'
  },
  en: {
    tenantRefused: () => 'Sorry, Anlaufstelle is only available to employees of our company. Your message has not been processed.'
  }
} satisfies Record<Language, Record<string, () => string>>;

/** The Teams texts in `language`. */
export function teamsTexts(language: Language) {
  return texts[language];
}
