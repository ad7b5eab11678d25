import type { Language } from '../../bot/content/schema';
import { NO_DEPARTMENT, type RoutingItem } from './routingSet';

/** One routed item: what it should go to and what the bot chose. */
export interface RoutedItem extends RoutingItem {
  predicted: string;
}

/** Correct share and count of a group of items; `accuracy` is null for an empty group. */
export interface GroupScore {
  total: number;
  correct: number;
  accuracy: number | null;
}

/** Every figure `npm run eval:routing` reports. Fractions are in [0,1]. */
export interface RoutingScore {
  total: number;
  accuracy: number;
  byLanguage: Record<string, GroupScore>;
  /** Per expected department (recall of that label), `none` included. */
  byDepartment: Record<string, GroupScore>;
  /** Share of out-of-scope items (`none`) for which the bot names no department. */
  noneRecall: number | null;
  /** Share of in-scope items for which the bot names no department. */
  falseNoneRate: number | null;
  /** confusion[expected][predicted] = count; rows and columns in `labels` order. */
  confusion: Record<string, Record<string, number>>;
  labels: string[];
  misses: RoutedItem[];
}

function group(items: readonly RoutedItem[]): GroupScore {
  const correct = items.filter((i) => i.predicted === i.department).length;
  return { total: items.length, correct, accuracy: items.length ? correct / items.length : null };
}

/**
 * Scores routed items.
 * @param departments department ids in display order; `none` is appended as the last label.
 */
export function scoreRouting(items: readonly RoutedItem[], departments: readonly string[], languages: readonly Language[]): RoutingScore {
  const labels = [...departments, NO_DEPARTMENT];
  const confusion: Record<string, Record<string, number>> = {};
  for (const expected of labels) confusion[expected] = Object.fromEntries(labels.map((p) => [p, 0]));
  for (const item of items) {
    const row = confusion[item.department];
    row[item.predicted] = (row[item.predicted] ?? 0) + 1;
  }
  const none = items.filter((i) => i.department === NO_DEPARTMENT);
  const inScope = items.filter((i) => i.department !== NO_DEPARTMENT);
  const share = (part: number, whole: number) => (whole ? part / whole : null);
  return {
    total: items.length,
    accuracy: group(items).accuracy ?? 0,
    byLanguage: Object.fromEntries(languages.map((l) => [l, group(items.filter((i) => i.lang === l))])),
    byDepartment: Object.fromEntries(labels.map((d) => [d, group(items.filter((i) => i.department === d))])),
    noneRecall: share(none.filter((i) => i.predicted === NO_DEPARTMENT).length, none.length),
    falseNoneRate: share(inScope.filter((i) => i.predicted === NO_DEPARTMENT).length, inScope.length),
    confusion,
    labels,
    misses: items.filter((i) => i.predicted !== i.department)
  };
}

/** The last line of `--json`: exactly these keys (null only when a group is empty). */
export function routingSummary(score: RoutingScore) {
  return {
    accuracy: score.accuracy,
    accuracyDe: score.byLanguage.de?.accuracy ?? null,
    accuracyEn: score.byLanguage.en?.accuracy ?? null,
    noneRecall: score.noneRecall,
    falseNoneRate: score.falseNoneRate
  };
}
