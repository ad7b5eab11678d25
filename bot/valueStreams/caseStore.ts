import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { Language } from '../content/schema';
import type { Requester } from '../requests/serviceRequest';
import { KeyedLock } from '../storage/keyedLock';

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

/** Cases in one lowdb file (`<DATA_DIR>/cases.json`). */
export class LowdbCaseStore implements CaseStore {
  private readonly lock = new KeyedLock();

  constructor(
    private readonly file: string,
    private readonly now: () => Date = () => new Date()
  ) {}

  async create(input: Omit<ValueStreamCase, 'id' | 'number' | 'tasks' | 'createdAt'>, code: string): Promise<ValueStreamCase> {
    return this.lock.run('cases', async () => {
      const db = await this.open();
      const created: ValueStreamCase = { ...structuredClone(input), id: randomUUID(), number: `${code}-${db.data.next}`, tasks: {}, createdAt: this.now().toISOString() };
      db.data.next += 1;
      db.data.cases.push(created);
      await db.write();
      return created;
    });
  }

  async setTasks(id: string, tasks: Record<string, string>): Promise<void> {
    await this.lock.run('cases', async () => {
      const db = await this.open();
      const found = db.data.cases.find((c) => c.id === id);
      if (!found) throw new Error(`No case with id ${id}`);
      found.tasks = { ...tasks };
      await db.write();
    });
  }

  async get(id: string): Promise<ValueStreamCase | undefined> {
    return (await this.open()).data.cases.find((c) => c.id === id);
  }

  async listByRequester(userId: string): Promise<ValueStreamCase[]> {
    return (await this.open()).data.cases.filter((c) => c.requester.userId === userId);
  }

  private async open(): Promise<Low<CaseFile>> {
    await mkdir(path.dirname(this.file), { recursive: true });
    const db = new Low<CaseFile>(new JSONFile(this.file), { next: 1001, cases: [] });
    await db.read();
    return db;
  }
}
