/**
 * Reads a date as employees type it: 01.12.2026, 1.12.26, 1.12. (the next such day), 2026-12-01,
 * "heute"/"today", "morgen"/"tomorrow". Returns YYYY-MM-DD, or null when it is not a valid date.
 */
export function parseDate(text: string, today: Date): string | null {
  const input = text.trim().toLowerCase();
  const day = (offset: number) => iso(new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + offset)));
  if (['heute', 'today'].includes(input)) return day(0);
  if (['morgen', 'tomorrow'].includes(input)) return day(1);
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(input);
  if (match) return valid(+match[1], +match[2], +match[3]);
  match = /^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})?$/.exec(input);
  if (!match) return null;
  const [, d, m, y] = match;
  if (y) return valid(y.length === 2 ? 2000 + +y : +y, +m, +d);
  // Without a year: the next such day, today included.
  const thisYear = valid(today.getUTCFullYear(), +m, +d);
  return thisYear && thisYear >= day(0) ? thisYear : valid(today.getUTCFullYear() + 1, +m, +d);
}

function valid(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? iso(date) : null;
}

function iso(date: Date): string {
  return date.toISOString().slice(0, 10);
}
