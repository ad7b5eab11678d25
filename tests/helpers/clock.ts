import type { Clock } from '../../bot/clock';

/** A Tuesday, 10:00 in Berlin: every department is open. */
export const OFFICE_HOURS = new Date('2026-11-24T09:00:00Z');

/** A clock that stands still at `at` (default: office hours), so no test depends on today's date. */
export function fixedClock(at: Date = OFFICE_HOURS): Clock {
  return () => at;
}
