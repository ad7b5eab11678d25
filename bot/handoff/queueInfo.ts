import type { ServiceRequest } from '../requests/serviceRequest';

/** How many recent claims the wait estimate averages over. */
const RECENT_CLAIMS = 20;
const ROUND_TO_MINUTES = 5;

/** Where a request stands in its department's queue. */
export interface QueuePosition {
  /** 1 = next in line. */
  position: number;
  /** Rounded up to five minutes. */
  estimatedWaitMinutes: number;
}

/**
 * Position among the unclaimed requests of the department (oldest first) and the estimated wait:
 * the average time to claim of the department's recent requests, per request ahead and this one;
 * the department's first-response target when there is no history yet.
 */
export function queuePosition(request: ServiceRequest, queue: readonly ServiceRequest[], targetMinutes: number): QueuePosition {
  const waiting = queue.filter((r) => r.status === 'open').sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const index = waiting.findIndex((r) => r.id === request.id);
  const position = index < 0 ? 1 : index + 1;
  const claimMinutes = queue
    .map((r) => {
      const claimed = r.history.find((e) => e.type === 'claimed');
      return claimed ? (Date.parse(claimed.at) - Date.parse(r.createdAt)) / 60_000 : null;
    })
    .filter((m): m is number => m !== null)
    .slice(-RECENT_CLAIMS);
  const perRequest = claimMinutes.length > 0 ? claimMinutes.reduce((a, b) => a + b, 0) / claimMinutes.length : targetMinutes;
  const estimate = Math.max(ROUND_TO_MINUTES, Math.ceil((perRequest * position) / ROUND_TO_MINUTES) * ROUND_TO_MINUTES);
  return { position, estimatedWaitMinutes: estimate };
}
