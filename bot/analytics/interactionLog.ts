import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
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
 * Why an event is appended synchronously to a file kept open: appending a line is one `write` into
 * the page cache (microseconds, no rename, no fsync), while the asynchronous way costs trips through
 * libuv's thread pool, where every turn would then wait behind the state and request files being
 * written. `record` resolves once the line is in the file. The day's file is closed after a quiet spell.
 */
export class FileInteractionLog implements InteractionLog {
  private open?: { day: string; fd: number };
  private idleTimer?: NodeJS.Timeout;

  /** @param idleCloseMs the day's file is closed after this long without events. */
  constructor(
    private readonly directory: string,
    private readonly idleCloseMs = 1000
  ) {}

  async record(event: InteractionEvent): Promise<void> {
    const day = event.at.slice(0, 10);
    if (this.open?.day !== day) {
      this.closeFile();
      mkdirSync(this.directory, { recursive: true });
      this.open = { day, fd: openSync(path.join(this.directory, `${day}.jsonl`), 'a') };
    }
    try {
      writeSync(this.open.fd, `${JSON.stringify(event)}\n`);
    } catch (error) {
      // Open the file again next time (it may have been moved away).
      this.closeFile();
      throw error;
    }
    this.closeWhenIdle();
  }

  /** Closes the open file (the next event opens it again). */
  async close(): Promise<void> {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    this.closeFile();
  }

  private closeWhenIdle(): void {
    if (this.idleTimer) {
      this.idleTimer.refresh();
      return;
    }
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      this.closeFile();
    }, this.idleCloseMs);
    this.idleTimer.unref();
  }

  private closeFile(): void {
    const open = this.open;
    this.open = undefined;
    try {
      if (open) closeSync(open.fd);
    } catch {
      // already closed: nothing to release
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
