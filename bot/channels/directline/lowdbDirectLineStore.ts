import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { KeyedLock } from '../../storage/keyedLock';
import { activityIdFor, type AppendedActivity, type DirectLineStore } from './directLineStore';
import type { DirectLineActivity, DirectLineConversation } from './types';

interface ConversationFile {
  conversation: DirectLineConversation;
  next: number;
  activities: AppendedActivity[];
}

/**
 * The default {@link DirectLineStore}: one lowdb file per conversation under `directory` (spread over
 * 256 sub-folders), so a request reads and writes only its own conversation. Keeps the newest
 * `maxActivities` per conversation; watermarks keep counting.
 */
export class LowdbDirectLineStore implements DirectLineStore {
  private readonly lock = new KeyedLock();

  constructor(
    private readonly directory: string,
    private readonly maxActivities = 500
  ) {}

  async createConversation(conversation: DirectLineConversation) {
    return this.lock.run(conversation.id, async () => {
      const db = await this.open(conversation.id);
      if (db.data) return { conversation: db.data.conversation, created: false };
      await mkdir(path.dirname(this.fileOf(conversation.id)), { recursive: true });
      db.data = { conversation: structuredClone(conversation), next: 1, activities: [] };
      await db.write();
      return { conversation: structuredClone(conversation), created: true };
    });
  }

  async getConversation(id: string) {
    return (await this.open(id)).data?.conversation;
  }

  async appendActivity(conversationId: string, activity: DirectLineActivity): Promise<AppendedActivity | undefined> {
    return this.lock.run(conversationId, async () => {
      const db = await this.open(conversationId);
      if (!db.data) return undefined;
      const watermark = db.data.next++;
      const stored = { activity: { ...structuredClone(activity), id: activityIdFor(conversationId, watermark) }, watermark };
      db.data.activities.push(stored);
      const excess = db.data.activities.length - this.maxActivities;
      if (excess > 0) db.data.activities.splice(0, excess);
      await db.write();
      return stored;
    });
  }

  async activitiesAfter(conversationId: string, watermark: number) {
    const data = (await this.open(conversationId)).data;
    if (!data) return undefined;
    const activities = data.activities.filter((a) => a.watermark > watermark).map((a) => a.activity);
    return { activities, watermark: Math.max(watermark, data.next - 1) };
  }

  async deleteInactiveSince(cutoff: Date): Promise<number> {
    let deleted = 0;
    for (const folder of await readdir(this.directory).catch(() => [] as string[])) {
      const files = await readdir(path.join(this.directory, folder)).catch(() => [] as string[]);
      for (const name of files.filter((f) => f.endsWith('.json'))) {
        const file = path.join(this.directory, folder, name);
        const modified = (await stat(file).catch(() => undefined))?.mtime.getTime();
        if (modified === undefined || modified >= cutoff.getTime()) continue;
        const id = await conversationIdIn(file);
        // Under the conversation's lock and checked again: a message written meanwhile keeps it.
        const removed = async () => {
          const current = (await stat(file).catch(() => undefined))?.mtime.getTime();
          if (current === undefined || current >= cutoff.getTime()) return false;
          await rm(file, { force: true });
          return true;
        };
        if (await (id ? this.lock.run(id, removed) : removed())) deleted++;
      }
    }
    return deleted;
  }

  private async open(conversationId: string): Promise<Low<ConversationFile | null>> {
    const db = new Low<ConversationFile | null>(new JSONFile(this.fileOf(conversationId)), null);
    try {
      await db.read();
    } catch (error) {
      throw new Error(`Direct Line store: the file of conversation "${conversationId}" is unreadable: ${(error as Error).message}`);
    }
    // Two ids share a file only if their SHA-256 collides; the check keeps that honest.
    if (db.data && db.data.conversation.id !== conversationId) db.data = null;
    return db;
  }

  private fileOf(conversationId: string): string {
    const hash = createHash('sha256').update(conversationId).digest('hex');
    return path.join(this.directory, hash.slice(0, 2), `${hash.slice(2, 40)}.json`);
  }
}

/** The conversation id stored in a file; undefined when the file cannot be read (it is removed all the same). */
async function conversationIdIn(file: string): Promise<string | undefined> {
  try {
    return (JSON.parse(await readFile(file, 'utf8')) as ConversationFile).conversation.id;
  } catch {
    return undefined;
  }
}
