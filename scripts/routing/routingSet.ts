import { readFileSync } from 'node:fs';
import { LANGUAGES, type Language } from '../../bot/content/schema';

/** The label of a message no department owns (small talk, private matters, nonsense). */
export const NO_DEPARTMENT = 'none';

/** One labelled message of a routing set: the department that should handle it, or {@link NO_DEPARTMENT}. */
export interface RoutingItem {
  text: string;
  lang: Language;
  department: string;
}

/** Which items of a set to use: all, or every other one (even or odd index) for a tune/test split. */
export type RoutingHalf = 'all' | 'even' | 'odd';

/**
 * Reads a routing set: a JSON array of `{ "text", "lang", "department" }`.
 * @param departments the valid department ids; `none` is always valid.
 * @throws Error naming the first malformed item.
 */
export function loadRoutingSet(file: string, departments: readonly string[]): RoutingItem[] {
  const data: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(data)) throw new Error(`${file}: expected a JSON array of {text, lang, department}`);
  const valid = new Set([...departments, NO_DEPARTMENT]);
  return data.map((raw, index) => {
    const item = raw as Partial<RoutingItem>;
    const ok =
      typeof item?.text === 'string' &&
      item.text.trim() !== '' &&
      LANGUAGES.includes(item.lang as Language) &&
      typeof item.department === 'string' &&
      valid.has(item.department);
    if (!ok) throw new Error(`${file}: item ${index} must be {text, lang: ${LANGUAGES.join('|')}, department: ${[...valid].join('|')}}`);
    return { text: item.text!, lang: item.lang!, department: item.department! };
  });
}

/** The items of one half: `even` and `odd` split by array index, so the split is fixed and reproducible. */
export function selectHalf<T>(items: readonly T[], half: RoutingHalf): T[] {
  if (half === 'all') return [...items];
  return items.filter((_, index) => index % 2 === (half === 'even' ? 0 : 1));
}
