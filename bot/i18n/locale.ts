import type { Language } from '../content/schema';

/** The locale the bot's messages in a language carry, as Web Chat and Teams name it. */
const LOCALES: Record<Language, string> = { de: 'de-DE', en: 'en-US' };

/** The locale of `language`, e.g. de-DE. */
export function localeOf(language: Language): string {
  return LOCALES[language];
}

/** The language of a locale (Teams and Web Chat send the client's, e.g. de-DE), or `fallback`. */
export function languageOfLocale(locale: string | undefined, fallback: Language): Language {
  const lower = (locale ?? '').toLowerCase();
  return lower.startsWith('en') ? 'en' : lower.startsWith('de') ? 'de' : fallback;
}
