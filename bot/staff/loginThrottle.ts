import type { Storage } from 'botbuilder';
import type { Clock } from '../clock';

interface Attempts {
  failures: number[];
  lockedUntil?: number;
}

const PREFIX = 'staff-login/';

/**
 * Brute-force protection: after `maxFailures` failed sign-ins for one account within `windowMs`,
 * the account is locked for `lockMs` (also for the right password). Kept in the shared storage.
 */
export class LoginThrottle {
  constructor(
    private readonly storage: Storage,
    private readonly now: Clock,
    private readonly options = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 }
  ) {}

  /** Milliseconds until the account may try again; 0 when it is not locked. */
  async lockedFor(username: string): Promise<number> {
    const attempts = await this.read(username);
    return Math.max(0, (attempts.lockedUntil ?? 0) - this.now().getTime());
  }

  /** Records a failed attempt; returns the lock time in ms when this failure locked the account. */
  async failed(username: string): Promise<number> {
    const attempts = await this.read(username);
    const now = this.now().getTime();
    attempts.failures = [...attempts.failures.filter((at) => at > now - this.options.windowMs), now];
    if (attempts.failures.length >= this.options.maxFailures) {
      attempts.lockedUntil = now + this.options.lockMs;
      attempts.failures = [];
    }
    await this.storage.write({ [PREFIX + username]: { ...attempts, eTag: '*' } });
    return Math.max(0, (attempts.lockedUntil ?? 0) - now);
  }

  async succeeded(username: string): Promise<void> {
    await this.storage.delete([PREFIX + username]);
  }

  private async read(username: string): Promise<Attempts> {
    const stored = (await this.storage.read([PREFIX + username]))[PREFIX + username] as Attempts | undefined;
    return { failures: stored?.failures ?? [], lockedUntil: stored?.lockedUntil };
  }
}
