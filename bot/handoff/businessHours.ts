import type { BusinessHoursDefinition } from '../content/schema';

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const MINUTE = 60_000;
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

  /** Business minutes between two moments (only time inside opening intervals counts). */
  businessMinutesBetween(from: Date, to: Date): number {
    let minutes = 0;
    let probe = from.getTime();
    const step = 15 * MINUTE;
    while (probe < to.getTime()) {
      const slice = Math.min(step, to.getTime() - probe);
      if (this.isOpen(new Date(probe))) minutes += slice / MINUTE;
      probe += slice;
    }
    return Math.round(minutes);
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
