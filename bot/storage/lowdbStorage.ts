import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Storage, StoreItems } from 'botbuilder';
import { TextFile, TextFileSync } from 'lowdb/node';
import { KeyedLock } from './keyedLock';

/** What one state file holds: the storage key, so files stay readable, and the item with its eTag. */
interface StoredRecord {
  key: string;
  item: Record<string, unknown> & { eTag: string };
}

/** State files written at the same time by a flush. */
const FLUSH_CONCURRENCY = 2;

/** A key's current record: the file text as it is (or will be) on disk, and its eTag. */
interface CachedRecord {
  text: string;
  eTag: string;
}

/** How {@link LowdbStorage} trades durability for speed. */
export interface LowdbStorageOptions {
  /**
   * 0 (default): `write` resolves once the file is replaced. Above 0: `write` resolves at once and
   * the files are replaced within this many ms, several turns of a conversation in one write; a crash
   * loses at most that much dialog state. {@link LowdbStorage.flush} and `close` write everything.
   */
  writeDelayMs?: number;
  /** Records kept in memory (most recently used); unwritten ones are never dropped. Default 2000. */
  cacheSize?: number;
  /** Told about delayed writes that failed; they are retried with the next flush. */
  report?: (error: Error) => void;
}

/**
 * Bot Framework `Storage` on lowdb: one small JSON file per key, spread over 256 sub-folders.
 *
 * A turn reads and writes only the files of its own keys, so its cost does not grow with the number
 * of stored conversations. lowdb's file adapter writes through a temporary file and a rename, so a
 * crash never leaves a half-written state file. eTags follow `MemoryStorage`: a write whose eTag is
 * neither `*` nor the stored one fails; a write without eTag overwrites.
 *
 * The records of recently active conversations stay in memory, so a turn reads no file; the store
 * therefore belongs to one bot process (the files are not re-read while it runs). Why writes can be
 * delayed: replacing a file costs four trips through libuv's thread pool and, on ext4, sometimes
 * waits for the disk; a conversation's turns follow each other within a few hundred ms, so with
 * `writeDelayMs` its state is written once instead of every turn. See docs/benchmark.md.
 */
export class LowdbStorage implements Storage {
  private readonly lock = new KeyedLock();
  private readonly fileLock = new KeyedLock();
  /** Sub-folders known to exist, so that a write does not call mkdir every time. */
  private readonly folders = new Set<string>();
  private readonly cache = new Map<string, CachedRecord>();
  private readonly dirty = new Set<string>();
  private readonly writeDelayMs: number;
  private readonly cacheSize: number;
  private readonly report: (error: Error) => void;
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  /** @param directory folder for the state files; created on first write. */
  constructor(
    private readonly directory: string,
    options: LowdbStorageOptions = {}
  ) {
    this.writeDelayMs = options.writeDelayMs ?? 0;
    this.cacheSize = options.cacheSize ?? 2000;
    this.report = options.report ?? ((error) => console.error(error));
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!Array.isArray(keys)) throw new TypeError('Keys are required when reading.');
    const items: StoreItems = {};
    for (const key of keys) {
      const record = this.current(key);
      // Parsed anew for every read: botbuilder changes the objects it gets, the stored text stays as it was.
      if (record) items[key] = (JSON.parse(record.text) as StoredRecord).item;
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes || typeof changes !== 'object') throw new TypeError('Changes are required when writing.');
    await Promise.all(
      Object.entries(changes).map(([key, change]) => {
        // Serialized at once: later changes to `change` by the caller never reach the stored data.
        const eTag = randomUUID();
        const text = JSON.stringify({ key, item: { ...change, eTag } } satisfies StoredRecord);
        return this.lock.run(key, async () => {
          const expected = change?.eTag;
          // Only a specific eTag needs the stored one; "*" and none overwrite without reading.
          if (expected && expected !== '*') {
            const stored = this.current(key);
            if (stored && expected !== stored.eTag) throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
          }
          if (this.writeDelayMs > 0) {
            // Dirty before it is remembered: eviction must never drop an unwritten record.
            this.dirty.add(key);
            this.remember(key, { text, eTag });
            this.timer ??= setTimeout(() => void this.flush(), this.writeDelayMs);
            return;
          }
          this.remember(key, { text, eTag });
          try {
            await this.fileLock.run(key, () => this.save(key, text));
          } catch (error) {
            // Not on disk: the next read must not pretend it is.
            this.cache.delete(key);
            throw error;
          }
        });
      })
    );
  }

  async delete(keys: string[]): Promise<void> {
    if (!Array.isArray(keys)) throw new TypeError('Keys are required when deleting.');
    await Promise.all(
      keys.map((key) =>
        this.lock.run(key, async () => {
          this.cache.delete(key);
          this.dirty.delete(key);
          await this.fileLock.run(key, () => rm(this.fileOf(key), { force: true }));
        })
      )
    );
  }

  /** Writes every delayed change to disk; resolves when all are written (failed ones are reported and stay pending). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const keys = [...this.dirty];
    const writeOne = (key: string) =>
      this.fileLock.run(key, async () => {
        const record = this.cache.get(key);
        // Written by an earlier round, or deleted meanwhile.
        if (!record || !this.dirty.delete(key)) return;
        try {
          await this.save(key, record.text);
        } catch (error) {
          if (this.cache.get(key) === record) this.dirty.add(key);
          this.report(new Error(`Storage: could not write state "${key}" (kept in memory, retried): ${(error as Error).message}`));
        }
      });
    // A few files at a time: every file write takes libuv's thread pool (4 threads) four times, and a
    // round of hundreds at once would make all other file work of the bot (Direct Line conversations,
    // cases, FAQ drafts) wait behind it.
    const round = Promise.all(
      Array.from({ length: Math.min(FLUSH_CONCURRENCY, keys.length) }, async () => {
        for (let key = keys.pop(); key !== undefined; key = keys.pop()) await writeOne(key);
      })
    ).then(() => undefined);
    this.flushing = this.flushing.then(() => round);
    await this.flushing;
    this.evict();
    if (this.dirty.size > 0 && this.writeDelayMs > 0) this.timer ??= setTimeout(() => void this.flush(), this.writeDelayMs);
  }

  /** Writes what is pending and stops the flush timer (call before the process exits). */
  async close(): Promise<void> {
    await this.flush();
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** The record of a key: from memory, else from its file (then kept in memory). */
  private current(key: string): CachedRecord | null {
    const record = this.cache.get(key) ?? this.load(key);
    if (record) this.remember(key, record);
    return record;
  }

  /** Keeps a record as the most recently used (eviction takes the oldest first). */
  private remember(key: string, record: CachedRecord): void {
    this.cache.delete(key);
    this.cache.set(key, record);
    if (this.cache.size > this.cacheSize) this.evict();
  }

  /** Drops the least recently used records that are on disk until the cache fits. */
  private evict(): void {
    let excess = this.cache.size - this.cacheSize;
    for (const key of this.cache.keys()) {
      if (excess <= 0) break;
      if (this.dirty.has(key)) continue;
      this.cache.delete(key);
      excess--;
    }
  }

  /** A key's record from its file, the text kept as read; null when there is none. */
  private load(key: string): CachedRecord | null {
    const file = this.fileOf(key);
    let text: string | null;
    let record: StoredRecord | null;
    try {
      text = new TextFileSync(file).read();
      record = text === null ? null : (JSON.parse(text) as StoredRecord);
    } catch (error) {
      throw new Error(`Storage: state file for "${key}" is unreadable (${file}): ${(error as Error).message}`);
    }
    // Two keys never share a file unless their SHA-256 collides; the check keeps that honest.
    return text !== null && record?.key === key ? { text, eTag: record.item.eTag } : null;
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
