import pino, { type Logger } from 'pino';

export type { Logger };

/** Builds the JSON logger every component receives through its constructor. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { app: 'anlaufstelle' } });
}
