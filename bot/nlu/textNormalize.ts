import type { Language } from '../content/schema';
import natural from './naturalLib';

const wordTokenizer = new natural.WordTokenizer();

/**
 * Lower-cases and folds a text to plain ASCII letters and digits separated by single spaces.
 *
 * - German umlauts and ß become their two-letter spellings (ä→ae, ö→oe, ü→ue, ß→ss), so "müssen" and
 *   "muessen" give the same text; this is done for both languages (names, loan words).
 * - Other diacritics are dropped (é→e), apostrophes are removed ("what's"→"whats", "geht's"→"gehts"),
 *   every other non-alphanumeric character becomes a space.
 *
 * Lower-casing comes first: natural's tokenizers would drop capital umlauts.
 */
export function normalizeText(text: string): string {
  return text
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/['’‘`´]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Splits a text into normalised tokens (see {@link normalizeText}) with natural's WordTokenizer. */
export function tokenize(text: string): string[] {
  const normalized = normalizeText(text);
  return normalized.length === 0 ? [] : wordTokenizer.tokenize(normalized);
}

/**
 * Maps the two-letter umlaut spellings of a normalised German token back to umlauts before stemming,
 * as the Snowball "german2" variant does: ae→ä, oe→ö, ue→ü, except "ue" after "q" ("quelle") and a
 * "u" between vowels ("feuer", "neue"). natural's PorterStemmerDe then folds umlauts to plain vowels,
 * so "müssen", "muessen" and "mussen" all stem to "muss".
 */
function german2(token: string): string {
  return token
    .replace(/([aeiouy])u([aeiouy])/g, '$1U$2')
    .replace(/ae/g, 'ä')
    .replace(/oe/g, 'ö')
    .replace(/(^|[^q])ue/g, '$1ü')
    .replace(/U/g, 'u');
}

const stemCache: Record<Language, Map<string, string>> = { de: new Map(), en: new Map() };
const STEM_CACHE_LIMIT = 200_000;

/**
 * Stems one normalised token: natural.PorterStemmer for English, natural.PorterStemmerDe (after the
 * german2 umlaut mapping) for German. Digit-only tokens are returned unchanged. Results are cached.
 */
export function stem(token: string, language: Language): string {
  if (/^[0-9]+$/.test(token)) return token;
  const cache = stemCache[language];
  const cached = cache.get(token);
  if (cached !== undefined) return cached;
  const stemmed =
    language === 'de' ? natural.PorterStemmerDe.stem(german2(token)) : natural.PorterStemmer.stem(token);
  if (cache.size >= STEM_CACHE_LIMIT) cache.clear();
  cache.set(token, stemmed);
  return stemmed;
}
