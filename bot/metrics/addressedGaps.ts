import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { KeyedLock } from '../storage/keyedLock';

/** A knowledge-gap cluster a department answered with a FAQ entry from the dashboard. */
export interface AddressedGap {
  clusterId: string;
  department: string;
  /** Keys of the questions the cluster held (they no longer show as gaps). */
  questionKeys: string[];
  /** The FAQ draft created (and approved) for it, and the entry's id. */
  draftId: string;
  entryId: string;
  addressedBy: string;
  addressedAt: string;
}

/** Where addressed gaps are recorded; lowdb by default. */
export interface AddressedGapStore {
  add(gap: AddressedGap): Promise<void>;
  list(): Promise<AddressedGap[]>;
  /** Keys of every addressed question. */
  questionKeys(): Promise<Set<string>>;
}

/**
 * Addressed gaps in one lowdb file (`<DATA_DIR>/knowledge/addressed-gaps.json`). Questions asked
 * after the FAQ entry exists that the bot still cannot answer form new clusters: the gap is not
 * hidden for good, only the questions the entry was written for.
 */
export class LowdbAddressedGapStore implements AddressedGapStore {
  private readonly lock = new KeyedLock();

  constructor(private readonly file: string) {}

  async add(gap: AddressedGap): Promise<void> {
    await this.lock.run('gaps', async () => {
      const db = await this.open();
      db.data.gaps.push(gap);
      await db.write();
    });
  }

  async list(): Promise<AddressedGap[]> {
    return (await this.open()).data.gaps;
  }

  async questionKeys(): Promise<Set<string>> {
    return new Set((await this.list()).flatMap((g) => g.questionKeys));
  }

  private async open(): Promise<Low<{ gaps: AddressedGap[] }>> {
    await mkdir(path.dirname(this.file), { recursive: true });
    const db = new Low<{ gaps: AddressedGap[] }>(new JSONFile(this.file), { gaps: [] });
    await db.read();
    return db;
  }
}
