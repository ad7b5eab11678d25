/**
 * The app's clock. Product code reads the time only through a `Clock` passed in by the composition
 * root (bot/index.ts), so tests can stand the clock still and nothing depends on today's date.
 * Elapsed time that is not a date (the age of a cache entry) is measured with `performance.now()`.
 */
export type Clock = () => Date;

/** The wall clock: the only place in product code that reads the system time. */
export const systemClock: Clock = () => new Date();

/** Monotonic milliseconds for durations (rate limits), never a date: `performance.now()` in the app. */
export type Stopwatch = () => number;

/** The process's monotonic clock. */
export const systemStopwatch: Stopwatch = () => performance.now();
