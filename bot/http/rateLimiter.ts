import type { Stopwatch } from '../clock';
import { BoundedMap } from '../util/boundedMap';

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Token buckets per key (a conversation, a client address): `perMinute` requests a minute, and a
 * burst of as many at once after a quiet minute. In memory, per instance; a bucket that is full
 * again is as good as forgotten, so at most `maxKeys` buckets are kept (the least recently used go).
 */
export class RateLimiter {
  private readonly buckets: BoundedMap<string, Bucket>;

  /** @param perMinute 0 turns the limit off. @param elapsed monotonic milliseconds (performance.now). */
  constructor(
    private readonly perMinute: number,
    private readonly elapsed: Stopwatch,
    maxKeys = 100_000
  ) {
    this.buckets = new BoundedMap(maxKeys);
  }

  /** Takes one request for `key`: 0 when it may go ahead, else the milliseconds until it may. */
  take(key: string): number {
    if (this.perMinute <= 0) return 0;
    const now = this.elapsed();
    const bucket = this.buckets.get(key) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + ((now - bucket.at) * this.perMinute) / 60_000);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - bucket.tokens) * 60_000) / this.perMinute);
  }
}
