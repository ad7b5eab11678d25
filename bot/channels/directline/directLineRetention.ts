import type { Logger } from 'pino';
import type { DirectLineStore } from './directLineStore';
import type { Clock } from '../../clock';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Removes web chat (Direct Line) conversations without activity for `days` days, a minute after
 * start-up and then every `everyMs`, so the store does not grow for ever. The bot's own conversation
 * state and the requests filed from these conversations are kept; an employee who comes back after
 * that long simply starts a new web chat conversation.
 * @returns a function that stops the schedule.
 */
export function startDirectLineRetention(
  store: DirectLineStore,
  days: number,
  logger: Logger,
  now: Clock,
  everyMs = 6 * 60 * 60 * 1000
): () => void {
  const sweep = async () => {
    try {
      const deleted = await store.deleteInactiveSince(new Date(now().getTime() - days * DAY_MS));
      if (deleted > 0) logger.info({ deleted, days }, 'removed inactive web chat conversations');
    } catch (error) {
      logger.error({ err: error }, 'removing inactive web chat conversations failed');
    }
  };
  const first = setTimeout(() => void sweep(), 60_000);
  const repeat = setInterval(() => void sweep(), everyMs);
  first.unref();
  repeat.unref();
  return () => {
    clearTimeout(first);
    clearInterval(repeat);
  };
}
