import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { Language } from '../content/schema';
import type { Requester } from '../requests/serviceRequest';
import { KeyedLock } from '../storage/keyedLock';
import type { Clock } from '../clock';

/**
 * One request of an employee that fans out into department tasks (the tasks are ordinary
 * ServiceRequests with `caseId`). Its progress is derived from the tasks; the case keeps what
 * the employee entered.
 */
export interface ValueStreamCase {
  id: string;
  /** E.g. "ONB-1004". */
  number: string;
  streamId: string;
  language: Language;
  requester: Requester;
  details: Record<string, string>;
  /** Task key → request id. */
  tasks: Record<string, string>;
  createdAt: string;
}

/** Where cases live; lowdb by default. */
export interface CaseStore {
  create(input: Omit<ValueStreamCase, 'id' | 'number' | 'tasks' | 'createdAt'>, code: string): Promise<ValueStreamCase>;
  setTasks(id: string, tasks: Record<string, string>): Promise<void>;
  get(id: string): Promise<ValueStreamCase | undefined>;
  listByRequester(userId: string): Promise<ValueStreamCase[]>;
}

interface CaseFile {
  next: number;
  cases: ValueStreamCase[];
}

/**
 * Cases in one lowdb file (`<DATA_DIR>/cases.json`), read once and then served from memory (a
 * status question must not wait for the disk); every change is written before it resolves. The file
 * therefore belongs to one bot process.
 */
export class LowdbCaseStore implements CaseStore {
  private readonly lock = new KeyedLock();
  private db?: Promise<Low<CaseFile>>;

  constructor(
    private readonly file: string,
    private readonly now: Clock
  ) {}

  async create(input: Omit<ValueStreamCase, 'id' | 'number' | 'tasks' | 'createdAt'>, code: string): Promise<ValueStreamCase> {
    return this.lock.run('cases', async () => {
      const db = await this.open();
      const created: ValueStreamCase = { ...structuredClone(input), id: randomUUID(), number: `${code}-${db.data.next}`, tasks: {}, createdAt: this.now().toISOString() };
      db.data.next += 1;
      db.data.cases.push(created);
      try {
        await db.write();
      } catch (error) {
        // Memory must not hold what the file does not.
        db.data.cases.pop();
        db.data.next -= 1;
        throw error;
      }
      return structuredClone(created);
    });
  }

  async setTasks(id: string, tasks: Record<string, string>): Promise<void> {
    await this.lock.run('cases', async () => {
      const db = await this.open();
      const found = db.data.cases.find((c) => c.id === id);
      if (!found) throw new Error(`No case with id ${id}`);
      const before = found.tasks;
      found.tasks = { ...tasks };
      try {
        await db.write();
      } catch (error) {
        found.tasks = before;
        throw error;
      }
    });
  }

  async get(id: string): Promise<ValueStreamCase | undefined> {
    const found = (await this.open()).data.cases.find((c) => c.id === id);
    return found && structuredClone(found);
  }

  async listByRequester(userId: string): Promise<ValueStreamCase[]> {
    return structuredClone((await this.open()).data.cases.filter((c) => c.requester.userId === userId));
  }

  private open(): Promise<Low<CaseFile>> {
    if (!this.db) {
      const opening = (async () => {
        await mkdir(path.dirname(this.file), { recursive: true });
        const db = new Low<CaseFile>(new JSONFile(this.file), { next: 1001, cases: [] });
        await db.read();
        return db;
      })();
      // A failed read (e.g. a broken file) is tried again next time instead of being remembered.
      opening.catch(() => this.db === opening && (this.db = undefined));
      this.db = opening;
    }
    return this.db;
  }
}
