import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Storage, StoreItems } from 'botbuilder';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { KeyedLock } from './keyedLock';

/** What one state file holds: the storage key, so files stay readable, and the item with its eTag. */
interface StoredRecord {
  key: string;
  item: Record<string, unknown> & { eTag: string };
}

/**
 * Bot Framework `Storage` on lowdb: one small JSON file per key, spread over 256 sub-folders.
 *
 * A turn reads and writes only the files of its own keys, so its cost does not grow with the number
 * of stored conversations. lowdb's file adapter writes through a temporary file and a rename, so a
 * crash never leaves a half-written state file. eTags follow `MemoryStorage`: a write whose eTag is
 * neither `*` nor the stored one fails; a write without eTag overwrites.
 */
export class LowdbStorage implements Storage {
  private readonly lock = new KeyedLock();

  /** @param directory folder for the state files; created on first write. */
  constructor(private readonly directory: string) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (!Array.isArray(keys)) throw new TypeError('Keys are required when reading.');
    const items: StoreItems = {};
    await Promise.all(
      keys.map(async (key) => {
        const record = await this.load(key);
        if (record) items[key] = record.item;
      })
    );
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes || typeof changes !== 'object') throw new TypeError('Changes are required when writing.');
    await Promise.all(
      Object.entries(changes).map(([key, change]) =>
        this.lock.run(key, async () => {
          const db = await this.open(key);
          const stored = db.data;
          const eTag = change?.eTag;
          if (stored && eTag && eTag !== '*' && eTag !== stored.item.eTag) {
            throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
          }
          await mkdir(path.dirname(this.fileOf(key)), { recursive: true });
          db.data = { key, item: { ...structuredClone(change), eTag: randomUUID() } };
          await db.write();
        })
      )
    );
  }

  async delete(keys: string[]): Promise<void> {
    if (!Array.isArray(keys)) throw new TypeError('Keys are required when deleting.');
    await Promise.all(keys.map((key) => this.lock.run(key, () => rm(this.fileOf(key), { force: true }))));
  }

  private async load(key: string): Promise<StoredRecord | null> {
    const db = await this.open(key);
    // Two keys never share a file unless their SHA-256 collides; the check keeps that honest.
    return db.data && db.data.key === key ? db.data : null;
  }

  private async open(key: string): Promise<Low<StoredRecord | null>> {
    const db = new Low<StoredRecord | null>(new JSONFile(this.fileOf(key)), null);
    try {
      await db.read();
    } catch (error) {
      throw new Error(`Storage: state file for "${key}" is unreadable (${this.fileOf(key)}): ${(error as Error).message}`);
    }
    return db;
  }

  private fileOf(key: string): string {
    const hash = createHash('sha256').update(key).digest('hex');
    return path.join(this.directory, hash.slice(0, 2), `${hash.slice(2, 40)}.json`);
  }
}
