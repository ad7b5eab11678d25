import { createHash, randomBytes } from 'node:crypto';
import type { Storage } from 'botbuilder';
import type { StaffUser } from './staffAccounts';
import type { Clock } from '../clock';

interface StoredSession {
  user: StaffUser;
  expiresAt: number;
}

const SESSION_PREFIX = 'staff-session/';

/**
 * Staff sign-in sessions on a botbuilder `Storage` (lowdb by default), so that every instance behind
 * a load balancer sees the same sessions once the storage is shared. The storage holds a SHA-256 of
 * each session id, never the id: a copy of the data folder signs nobody in.
 */
export class StaffSessions {
  constructor(
    private readonly storage: Storage,
    private readonly lifetimeMs: number,
    private readonly now: Clock
  ) {}

  /** Starts a session and returns its id (256 random bits, the cookie value). */
  async create(user: StaffUser): Promise<string> {
    const id = randomBytes(32).toString('base64url');
    await this.storage.write({ [keyOf(id)]: { user, expiresAt: this.now().getTime() + this.lifetimeMs } satisfies StoredSession });
    return id;
  }

  /** The user of a live session, or null for unknown, malformed or expired ids. */
  async user(id: string | undefined): Promise<StaffUser | null> {
    if (!id || !/^[A-Za-z0-9_-]{43}$/.test(id)) return null;
    const key = keyOf(id);
    const session = (await this.storage.read([key]))[key] as StoredSession | undefined;
    if (!session) return null;
    if (session.expiresAt <= this.now().getTime()) {
      await this.storage.delete([key]);
      return null;
    }
    return session.user;
  }

  async end(id: string | undefined): Promise<void> {
    if (id && /^[A-Za-z0-9_-]{43}$/.test(id)) await this.storage.delete([keyOf(id)]);
  }
}

function keyOf(id: string): string {
  return SESSION_PREFIX + createHash('sha256').update(id).digest('base64url');
}
