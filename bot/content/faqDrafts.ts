import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { z } from 'zod';
import { KeyedLock } from '../storage/keyedLock';
import type { Clock } from '../clock';

const side = z
  .object({
    question: z.string().trim().min(5, 'question is too short'),
    answer: z.string().trim().min(10, 'answer is too short'),
    alternatives: z.array(z.string().trim().min(1)).default([])
  })
  .strict();

/** What staff submit for a new FAQ entry: both languages are required. */
export const faqDraftInputSchema = z
  .object({
    requestId: z.string().optional(),
    de: side,
    en: side,
    keywords: z.array(z.string().trim().min(1)).default([])
  })
  .strict();
export type FaqDraftInput = z.infer<typeof faqDraftInputSchema>;

/** A FAQ entry proposed by staff, answered by the bot once a lead approves it. */
export interface FaqDraft extends FaqDraftInput {
  id: string;
  department: string;
  status: 'draft' | 'approved';
  createdBy: string;
  createdAt: string;
  approvedBy?: string;
  approvedAt?: string;
  entryId?: string;
}

/** Where FAQ drafts live; lowdb by default. */
export interface FaqDraftStore {
  create(input: FaqDraftInput, department: string, createdBy: string): Promise<FaqDraft>;
  get(id: string): Promise<FaqDraft | undefined>;
  list(department?: string): Promise<FaqDraft[]>;
  update(id: string, change: (draft: FaqDraft) => void): Promise<FaqDraft>;
}

/** FAQ drafts in one lowdb file (`<DATA_DIR>/knowledge/drafts.json`): few, and rarely written. */
export class LowdbFaqDraftStore implements FaqDraftStore {
  private readonly lock = new KeyedLock();

  constructor(
    private readonly file: string,
    private readonly now: Clock
  ) {}

  async create(input: FaqDraftInput, department: string, createdBy: string): Promise<FaqDraft> {
    const draft: FaqDraft = { ...input, id: randomUUID(), department, status: 'draft', createdBy, createdAt: this.now().toISOString() };
    await this.lock.run('drafts', async () => {
      const db = await this.open();
      db.data.drafts.push(draft);
      await db.write();
    });
    return draft;
  }

  async get(id: string): Promise<FaqDraft | undefined> {
    return (await this.open()).data.drafts.find((d) => d.id === id);
  }

  async list(department?: string): Promise<FaqDraft[]> {
    return (await this.open()).data.drafts.filter((d) => !department || d.department === department);
  }

  async update(id: string, change: (draft: FaqDraft) => void): Promise<FaqDraft> {
    return this.lock.run('drafts', async () => {
      const db = await this.open();
      const draft = db.data.drafts.find((d) => d.id === id);
      if (!draft) throw new Error(`No FAQ draft with id ${id}`);
      change(draft);
      await db.write();
      return draft;
    });
  }

  private async open(): Promise<Low<{ drafts: FaqDraft[] }>> {
    await mkdir(path.dirname(this.file), { recursive: true });
    const db = new Low<{ drafts: FaqDraft[] }>(new JSONFile(this.file), { drafts: [] });
    await db.read();
    return db;
  }
}
