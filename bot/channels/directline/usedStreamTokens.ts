import type { Clock } from '../../clock';

/**
 * Which stream tokens have opened a stream: each stream URL opens one WebSocket only (a client that
 * reconnects asks for a new URL, as directlinejs does). Several instances must share one
 * implementation (e.g. Redis SET NX with expiry); the default works inside one process.
 */
export interface UsedStreamTokens {
  /** Marks the token as used; false when it was used before. `expiresAt`: after it, it need not be remembered. */
  markUsed(tokenId: string, expiresAt: Date): Promise<boolean>;
}

/** {@link UsedStreamTokens} in memory; forgets tokens once they have expired. */
export class InProcessUsedStreamTokens implements UsedStreamTokens {
  private readonly used = new Map<string, number>();

  constructor(private readonly now: Clock) {}

  async markUsed(tokenId: string, expiresAt: Date): Promise<boolean> {
    const now = this.now().getTime();
    // Tokens are issued in time order, so the oldest entries expire first.
    for (const [id, expires] of this.used) {
      if (expires > now) break;
      this.used.delete(id);
    }
    if (this.used.has(tokenId)) return false;
    this.used.set(tokenId, expiresAt.getTime());
    return true;
  }
}
