import { createHash } from 'node:crypto';
import type { Storage } from 'botbuilder';
import type { Clock } from '../clock';

interface Failures {
  /** Failed sign-ins since the last quiet `windowMs`. */
  count: number;
  /** The app clock's time of the last failure (ms). */
  at: number;
}

/** How fast a series of failures slows further attempts down. */
export interface ThrottleCurve {
  /** Failures that cost nothing (typos). */
  free: number;
  /** The wait after the first failure beyond `free`; it doubles with every further one. */
  baseMs: number;
  /** The longest wait. */
  maxMs: number;
}

export interface LoginThrottleOptions {
  /** Per account: a distributed guessing attack slows it down, but never locks out its owner for long. */
  account: ThrottleCurve;
  /** Per client address: one address guessing at many accounts is slowed down hard. */
  address: ThrottleCurve;
  /** After this long without a failure, a key starts afresh. */
  windowMs: number;
}

export const DEFAULT_LOGIN_THROTTLE: LoginThrottleOptions = {
  account: { free: 5, baseMs: 1000, maxMs: 60_000 },
  address: { free: 10, baseMs: 1000, maxMs: 15 * 60_000 },
  windowMs: 15 * 60_000
};

const PREFIX = 'staff-login/';

/**
 * Brute-force protection with growing delays instead of lock-outs: after a few failed sign-ins, the
 * next attempt for that account, and from that client address, has to wait (1 s, 2 s, 4 s, … up to
 * a cap). Nobody can lock everybody out: the delay of an account is capped at a minute, and a
 * guessing address slows down itself above all. Accounts are counted under a short hash of the name
 * (known or not, so a delay tells nothing about which accounts exist, and made-up names cannot
 * fill the storage). Kept in the shared storage, so every instance sees the same delays.
 */
export class LoginThrottle {
  constructor(
    private readonly storage: Storage,
    private readonly now: Clock,
    private readonly options: LoginThrottleOptions = DEFAULT_LOGIN_THROTTLE
  ) {}

  /** Milliseconds until this account may be tried again from this address; 0 when it may now. */
  async waitFor(username: string, address: string): Promise<number> {
    const now = this.now().getTime();
    const [account, client] = await this.read(username, address);
    return Math.max(this.waitOf(account, this.options.account, now), this.waitOf(client, this.options.address, now));
  }

  /** Records a failed sign-in; returns the wait before the next attempt may be made. */
  async failed(username: string, address: string): Promise<number> {
    const now = this.now().getTime();
    const keys = this.keysOf(username, address);
    const stored = await this.read(username, address);
    const [account, client] = stored.map((failures) => ({ count: this.fresh(failures, now) ? failures!.count + 1 : 1, at: now }));
    await this.storage.write({ [keys[0]]: { ...account, eTag: '*' }, [keys[1]]: { ...client, eTag: '*' } });
    return Math.max(this.waitOf(account, this.options.account, now), this.waitOf(client, this.options.address, now));
  }

  /** A successful sign-in clears the account's failures (not the address's). */
  async succeeded(username: string): Promise<void> {
    await this.storage.delete([this.keysOf(username, '')[0]]);
  }

  private waitOf(failures: Failures | undefined, curve: ThrottleCurve, now: number): number {
    if (!failures || !this.fresh(failures, now) || failures.count < curve.free) return 0;
    const delay = Math.min(curve.maxMs, curve.baseMs * 2 ** (failures.count - curve.free));
    return Math.max(0, failures.at + delay - now);
  }

  private fresh(failures: Failures | undefined, now: number): boolean {
    return !!failures && now - failures.at < this.options.windowMs;
  }

  private async read(username: string, address: string): Promise<[Failures | undefined, Failures | undefined]> {
    const keys = this.keysOf(username, address);
    const items = await this.storage.read(keys);
    return [items[keys[0]] as Failures | undefined, items[keys[1]] as Failures | undefined];
  }

  private keysOf(username: string, address: string): [string, string] {
    const bucket = createHash('sha256').update(username.toLowerCase()).digest('hex').slice(0, 5);
    return [`${PREFIX}account/${bucket}`, `${PREFIX}address/${encodeURIComponent(address)}`];
  }
}
