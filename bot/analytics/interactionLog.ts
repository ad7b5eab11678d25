import { mkdir, open as openFile, readdir, readFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Language } from '../content/schema';

/** What the bot did with one new question of an employee (not answers to its own prompts). */
export interface QuestionEvent {
  kind: 'question';
  at: string;
  conversationId: string;
  userId: string;
  language: Language;
  text: string;
  decision: 'answer' | 'disambiguate' | 'clarify' | 'out_of_scope';
  /** The FAQ entry or intent acted on, if any. */
  topId?: string;
  topKind?: 'faq' | 'intent';
  score?: number;
  department?: string;
}

/** The employee's verdict on a FAQ answer ("Hat das geholfen?"). */
export interface FeedbackEvent {
  kind: 'feedback';
  at: string;
  conversationId: string;
  userId: string;
  language: Language;
  faqId: string;
  helpful: boolean;
  /** The question the answer was for. */
  question: string;
  department?: string;
}

/** The bot could not answer: it ended asking back or out of scope, and offered a person. */
export interface UnansweredEvent {
  kind: 'unanswered';
  at: string;
  conversationId: string;
  userId: string;
  language: Language;
  text: string;
  department?: string;
}

export type InteractionEvent = QuestionEvent | FeedbackEvent | UnansweredEvent;

/**
 * Append-only record of what employees asked and how the bot did: the raw material of the service
 * dashboard (deflection, volume per intent) and of the knowledge gaps. Several instances need a
 * shared implementation (e.g. a PostgreSQL table) behind the same interface.
 */
export interface InteractionLog {
  record(event: InteractionEvent): Promise<void>;
  /** Events from `from` (inclusive) to `to` (exclusive), oldest first. */
  list(from: Date, to: Date): Promise<InteractionEvent[]>;
}

/**
 * One JSON-lines file per day under `<DATA_DIR>/interactions/`: appending never rewrites earlier
 * events, and a date range reads only its days.
 *
 * Why appends are batched through one open file: opening, appending and closing the file for every
 * event cost three trips through libuv's thread pool per turn. Events recorded while a write is under
 * way go out together in the next one; `record` resolves once its event is in the file.
 */
export class FileInteractionLog implements InteractionLog {
  private open?: { day: string; file: FileHandle };
  private batch: Array<{ day: string; line: string }> | null = null;
  private batchWritten: Promise<void> = Promise.resolve();
  private tail: Promise<void> = Promise.resolve();
  private idleTimer?: NodeJS.Timeout;

  /** @param idleCloseMs the day's file is closed after this long without events. */
  constructor(
    private readonly directory: string,
    private readonly idleCloseMs = 1000
  ) {}

  record(event: InteractionEvent): Promise<void> {
    if (!this.batch) {
      const batch: Array<{ day: string; line: string }> = [];
      this.batch = batch;
      this.batchWritten = this.tail.then(() => {
        this.batch = null;
        return this.append(batch);
      });
      this.closeWhenIdle();
      // A failed batch rejects its own records only; the next batch still runs.
      this.tail = this.batchWritten.catch(() => undefined);
    }
    this.batch.push({ day: event.at.slice(0, 10), line: `${JSON.stringify(event)}\n` });
    return this.batchWritten;
  }

  /** Waits for pending events and closes the open file. */
  async close(): Promise<void> {
    clearTimeout(this.idleTimer);
    await this.tail;
    await this.closeFile();
  }

  /** Keeps the file open while events keep coming, and closes it behind the last batch after a quiet spell. */
  private closeWhenIdle(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.tail = this.tail.then(() => (this.batch ? undefined : this.closeFile()));
    }, this.idleCloseMs);
    this.idleTimer.unref();
  }

  private async closeFile(): Promise<void> {
    const open = this.open;
    this.open = undefined;
    await open?.file.close().catch(() => undefined);
  }

  private async append(batch: Array<{ day: string; line: string }>): Promise<void> {
    const days = new Map<string, string>();
    for (const { day, line } of batch) days.set(day, (days.get(day) ?? '') + line);
    for (const [day, text] of days) {
      if (this.open?.day !== day) {
        await this.open?.file.close();
        this.open = undefined;
        await mkdir(this.directory, { recursive: true });
        this.open = { day, file: await openFile(path.join(this.directory, `${day}.jsonl`), 'a') };
      }
      try {
        await this.open.file.write(text);
      } catch (error) {
        // Reopen next time (the file may have been moved away).
        await this.open.file.close().catch(() => undefined);
        this.open = undefined;
        throw error;
      }
    }
  }

  async list(from: Date, to: Date): Promise<InteractionEvent[]> {
    let files: string[];
    try {
      files = (await readdir(this.directory)).filter((f) => /^\d{4}-\d{2}-\d{2}\.jsonl$/.test(f)).sort();
    } catch {
      return [];
    }
    const first = from.toISOString().slice(0, 10);
    const last = new Date(to.getTime() - 1).toISOString().slice(0, 10);
    const events: InteractionEvent[] = [];
    for (const file of files.filter((f) => f.slice(0, 10) >= first && f.slice(0, 10) <= last)) {
      for (const line of (await readFile(path.join(this.directory, file), 'utf8')).split('\n')) {
        if (!line.trim()) continue;
        try {
          const event = JSON.parse(line) as InteractionEvent;
          if (event.at >= from.toISOString() && event.at < to.toISOString()) events.push(event);
        } catch {
          // A line cut off by a crash is skipped; the rest of the day stays readable.
        }
      }
    }
    return events.sort((a, b) => a.at.localeCompare(b.at));
  }
}
