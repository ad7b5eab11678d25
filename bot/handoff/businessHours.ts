import type { BusinessHoursDefinition } from '../content/schema';

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const DAY_CACHE_LIMIT = 5000;
/** How far ahead to look for the next opening (covers long holiday periods). */
const SEARCH_DAYS = 30;

interface LocalTime {
  date: string;
  weekday: (typeof WEEKDAYS)[number];
  minutes: number;
}

/** When a department is staffed, in its own time zone, holidays included. */
export class BusinessHours {
  private readonly holidays: Set<string>;
  private readonly format: Intl.DateTimeFormat;
  private readonly dayCache = new Map<string, Array<[number, number]>>();

  constructor(private readonly definition: BusinessHoursDefinition) {
    this.holidays = new Set(definition.holidays);
    this.format = new Intl.DateTimeFormat('en-CA', {
      timeZone: definition.timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
      hourCycle: 'h23'
    });
  }

  get timeZone(): string {
    return this.definition.timeZone;
  }

  /** True when `at` falls into an opening interval on a day that is not a holiday. */
  isOpen(at: Date): boolean {
    const local = this.local(at);
    return this.intervals(local).some(([from, to]) => local.minutes >= from && local.minutes < to);
  }

  /** The next moment the department opens; `at` itself when it is open. Null when none within 30 days. */
  nextOpening(at: Date): Date | null {
    if (this.isOpen(at)) return at;
    // Walk forward to each interval start; stepping by whole minutes keeps DST changes right.
    let probe = new Date(Math.ceil(at.getTime() / MINUTE) * MINUTE);
    const end = at.getTime() + SEARCH_DAYS * 24 * 60 * MINUTE;
    while (probe.getTime() <= end) {
      const local = this.local(probe);
      const next = this.intervals(local).find(([from]) => from >= local.minutes);
      if (next) {
        const candidate = new Date(probe.getTime() + (next[0] - local.minutes) * MINUTE);
        if (this.isOpen(candidate)) return candidate;
        probe = new Date(candidate.getTime() + MINUTE);
      } else {
        probe = new Date(probe.getTime() + (24 * 60 - local.minutes) * MINUTE);
      }
    }
    return null;
  }

  /**
   * Business minutes between two moments: the exact length of the overlap of [from, to) with the
   * opening intervals (holidays excluded), in minutes. Fractional when the moments are not on whole
   * minutes; 0 when `to` is not after `from`. Each local day's intervals are converted to instants in
   * the department's time zone, so DST changes are right (a 07:00–18:00 day is 11 hours either way).
   */
  businessMinutesBetween(from: Date, to: Date): number {
    if (!(to.getTime() > from.getTime())) return 0;
    let total = 0;
    for (const [start, end] of this.openIntervals(from, to)) {
      total += Math.min(end, to.getTime()) - Math.max(start, from.getTime());
    }
    return total / MINUTE;
  }

  /**
   * The moment at which `minutes` business minutes have passed since `from` (the inverse of
   * {@link businessMinutesBetween}): `from` itself for 0 when open, otherwise the end of the last
   * minute needed. Null when the hours do not provide that many minutes within a year.
   */
  addBusinessMinutes(from: Date, minutes: number): Date | null {
    let left = Math.max(0, minutes) * MINUTE;
    let cursor = from.getTime();
    const horizon = cursor + 366 * DAY;
    for (let windowStart = cursor; windowStart < horizon; windowStart += 31 * DAY) {
      for (const [start, end] of this.openIntervals(new Date(windowStart), new Date(windowStart + 31 * DAY))) {
        const begin = Math.max(start, cursor);
        if (end <= begin) continue;
        if (left === 0) return new Date(begin);
        if (end - begin >= left) return new Date(begin + left);
        left -= end - begin;
        cursor = end;
      }
      cursor = Math.max(cursor, windowStart + 31 * DAY);
    }
    return null;
  }

  /** The opening intervals (as [start, end) epoch milliseconds) that overlap [from, to), in order. */
  private openIntervals(from: Date, to: Date): Array<[number, number]> {
    const result: Array<[number, number]> = [];
    // Local calendar days from the day of `from` to the day of `to` (one day of slack either side).
    let day = addDays(localDateOf(from, this.definition.timeZone), -1);
    const last = addDays(localDateOf(to, this.definition.timeZone), 1);
    while (day <= last) {
      for (const [start, end] of this.dayIntervals(day)) {
        if (end > from.getTime() && start < to.getTime()) result.push([start, end]);
      }
      day = addDays(day, 1);
    }
    return result.sort((a, b) => a[0] - b[0]);
  }

  /** One local day's opening intervals as instants (none on holidays); cached, they never change. */
  private dayIntervals(day: string): Array<[number, number]> {
    let intervals = this.dayCache.get(day);
    if (!intervals) {
      intervals = [];
      if (!this.holidays.has(day)) {
        const weekday = WEEKDAYS[new Date(`${day}T00:00:00Z`).getUTCDay()];
        for (const [open, close] of this.definition.weekly[weekday]) {
          const start = instantOf(day, toMinutes(open), this.definition.timeZone).getTime();
          const end = instantOf(day, toMinutes(close), this.definition.timeZone).getTime();
          if (end > start) intervals.push([start, end]);
        }
      }
      if (this.dayCache.size >= DAY_CACHE_LIMIT) this.dayCache.clear();
      this.dayCache.set(day, intervals);
    }
    return intervals;
  }

  private intervals(local: LocalTime): Array<[number, number]> {
    if (this.holidays.has(local.date)) return [];
    return this.definition.weekly[local.weekday].map(([from, to]) => [toMinutes(from), toMinutes(to)]);
  }

  private local(at: Date): LocalTime {
    const parts = Object.fromEntries(this.format.formatToParts(at).map((p) => [p.type, p.value]));
    return {
      date: `${parts.year}-${parts.month}-${parts.day}`,
      weekday: parts.weekday.toLowerCase().slice(0, 3) as LocalTime['weekday'],
      minutes: Number(parts.hour) * 60 + Number(parts.minute)
    };
  }
}

function toMinutes(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDateOf(at: Date, timeZone: string): string {
  const parts = zoneParts(at, timeZone);
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/**
 * The instant of a wall-clock time (`minutes` after midnight of `date`, YYYY-MM-DD) in a time zone.
 * A wall time skipped by a DST change is taken with the offset before the change (02:30 on the
 * spring-forward day becomes 03:30); a repeated one (autumn) is one of its two occurrences.
 */
export function instantOf(date: string, minutes: number, timeZone: string): Date {
  const wall = Date.parse(`${date}T00:00:00Z`) + minutes * MINUTE;
  // Two passes: the offset at the first guess can differ from the offset at the result near a change.
  const first = wall - offsetOf(new Date(wall), timeZone);
  const second = wall - offsetOf(new Date(first), timeZone);
  if (second === first) return new Date(first);
  // Near a change: prefer the earlier candidate that really shows the wall time, else the later one.
  const candidates = [Math.min(first, second), Math.max(first, second)];
  return new Date(candidates.find((c) => c + offsetOf(new Date(c), timeZone) === wall) ?? Math.max(first, second));
}

/** Adds days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/** The zone's offset from UTC at an instant, in milliseconds (Berlin in summer: +2 h). */
function offsetOf(at: Date, timeZone: string): number {
  const p = zoneParts(at, timeZone);
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

function zoneParts(at: Date, timeZone: string): Record<string, string> {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23'
    });
    offsetFormats.set(timeZone, format);
  }
  return Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
}
