import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Storage, StoreItems } from 'botbuilder';
import { JSONFileSync, TextFile } from 'lowdb/node';
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
 *
 * Reads use lowdb's synchronous adapter: a state file is a few kilobytes and normally in the page
 * cache, so reading it takes microseconds, while the promise-based read costs four trips through
 * libuv's thread pool (open, stat, read, close) and more CPU than the read itself. Writes stay
 * asynchronous: replacing a file by rename can wait for the disk (ext4 flushes the new data first),
 * and that wait must not stop every other conversation. See docs/benchmark.md.
 */
export class LowdbStorage implements Storage {
  private readonly lock = new KeyedLock();
  /** Sub-folders known to exist, so that a write does not call mkdir every time. */
  private readonly folders = new Set<string>();

  /** @param directory folder for the state files; created on first write. */
  constructor(private readonly directory: string) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (!Array.isArray(keys)) throw new TypeError('Keys are required when reading.');
    const items: StoreItems = {};
    for (const key of keys) {
      const record = this.load(key);
      if (record) items[key] = record.item;
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes || typeof changes !== 'object') throw new TypeError('Changes are required when writing.');
    await Promise.all(
      Object.entries(changes).map(([key, change]) => {
        // Serialized at once: later changes to `change` by the caller never reach the stored data.
        const text = JSON.stringify({ key, item: { ...change, eTag: randomUUID() } } satisfies StoredRecord, null, 2);
        return this.lock.run(key, async () => {
          const eTag = change?.eTag;
          // Only a specific eTag needs the stored one; "*" and none overwrite without reading.
          if (eTag && eTag !== '*') {
            const stored = this.load(key);
            if (stored && eTag !== stored.item.eTag) throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
          }
          await this.save(key, text);
        });
      })
    );
  }

  async delete(keys: string[]): Promise<void> {
    if (!Array.isArray(keys)) throw new TypeError('Keys are required when deleting.');
    await Promise.all(keys.map((key) => this.lock.run(key, () => rm(this.fileOf(key), { force: true }))));
  }

  private load(key: string): StoredRecord | null {
    const file = this.fileOf(key);
    let record: StoredRecord | null;
    try {
      record = new JSONFileSync<StoredRecord>(file).read();
    } catch (error) {
      throw new Error(`Storage: state file for "${key}" is unreadable (${file}): ${(error as Error).message}`);
    }
    // Two keys never share a file unless their SHA-256 collides; the check keeps that honest.
    return record && record.key === key ? record : null;
  }

  private async save(key: string, text: string): Promise<void> {
    const file = this.fileOf(key);
    const folder = path.dirname(file);
    if (!this.folders.has(folder)) {
      await mkdir(folder, { recursive: true });
      this.folders.add(folder);
    }
    try {
      await new TextFile(file).write(text);
    } catch (error) {
      // The folder was removed behind our back: create it again, once.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      await mkdir(folder, { recursive: true });
      await new TextFile(file).write(text);
    }
  }

  private fileOf(key: string): string {
    const hash = createHash('sha256').update(key).digest('hex');
    return path.join(this.directory, hash.slice(0, 2), `${hash.slice(2, 40)}.json`);
  }
}
