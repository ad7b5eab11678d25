import { addDays, instantOf, localDateOf } from '../handoff/businessHours';

/** Default length of the dashboard's date range, in days (today included). */
export const DEFAULT_RANGE_DAYS = 30;
/** The longest range the dashboard accepts, in days. */
export const MAX_RANGE_DAYS = 366;

/**
 * A reporting period: whole local days `fromDate` … `toDate` (both inclusive, YYYY-MM-DD) in a time
 * zone, and the instants [from, to) they span.
 */
export interface Period {
  fromDate: string;
  toDate: string;
  timeZone: string;
  from: Date;
  to: Date;
}

/** Thrown for a date range that cannot be used; the message says why (German, shown to staff). */
export class PeriodError extends Error {}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The period of whole days `fromDate` … `toDate` (inclusive) in `timeZone`. */
export function periodOf(fromDate: string, toDate: string, timeZone: string): Period {
  return { fromDate, toDate, timeZone, from: instantOf(fromDate, 0, timeZone), to: instantOf(addDays(toDate, 1), 0, timeZone) };
}

/** The last `days` days up to and including today (in `timeZone`). */
export function lastDays(days: number, now: Date, timeZone: string): Period {
  const today = localDateOf(now, timeZone);
  return periodOf(addDays(today, -(days - 1)), today, timeZone);
}

/**
 * The period of the `from` and `to` query parameters (YYYY-MM-DD, both inclusive). A missing `to` is
 * today; a missing `from` is 29 days before `to` (30 days in all). Throws PeriodError for a bad
 * date, `from` after `to`, or more than 366 days.
 */
export function parsePeriod(from: string | null | undefined, to: string | null | undefined, now: Date, timeZone: string): Period {
  for (const [name, value] of [['from', from], ['to', to]] as const) {
    if (value && (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value)) {
      throw new PeriodError(`${name}: bitte ein Datum im Format JJJJ-MM-TT angeben.`);
    }
  }
  const toDate = to || localDateOf(now, timeZone);
  const fromDate = from || addDays(toDate, -(DEFAULT_RANGE_DAYS - 1));
  if (fromDate > toDate) throw new PeriodError('from: der Beginn liegt nach dem Ende des Zeitraums.');
  if (daysIn(fromDate, toDate) > MAX_RANGE_DAYS) throw new PeriodError(`Der Zeitraum ist zu lang (höchstens ${MAX_RANGE_DAYS} Tage).`);
  return periodOf(fromDate, toDate, timeZone);
}

/** The number of days from `fromDate` to `toDate`, both included. */
export function daysIn(fromDate: string, toDate: string): number {
  return Math.round((Date.parse(`${toDate}T00:00:00Z`) - Date.parse(`${fromDate}T00:00:00Z`)) / 86_400_000) + 1;
}

/** Every date of the period, in order. */
export function datesOf(period: Pick<Period, 'fromDate' | 'toDate'>): string[] {
  const dates: string[] = [];
  for (let day = period.fromDate; day <= period.toDate; day = addDays(day, 1)) dates.push(day);
  return dates;
}
