import { createHash } from 'node:crypto';
import { appendFile, mkdir, open, readdir, readFile, rename, rm, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { KeyedLock } from '../../storage/keyedLock';
import { BoundedMap } from '../../util/boundedMap';
import type { Clock } from '../../clock';
import { activityIdFor, DEFAULT_PAGE_BYTES, pageOf, type AppendedActivity, type DirectLineStore } from './directLineStore';
import type { DirectLineActivity, DirectLineConversation } from './types';

export interface FileDirectLineStoreOptions {
  /** Activities kept per conversation (the newest); watermarks keep counting. Default 500. */
  maxActivities?: number;
  /** Activities per log segment; older segments are removed whole. Default 50. */
  segmentSize?: number;
  /** Conversations whose position (next watermark, last activity) is kept in memory. Default 5000. */
  cachedConversations?: number;
  /** Bytes of activities one read returns at most (see DirectLineStore.activitiesAfter). Default 1 MB. */
  maxPageBytes?: number;
}

/** One line of a segment: watermark, the app clock's time of the append (ms), the activity. */
interface LogLine {
  w: number;
  at: number;
  a: DirectLineActivity;
}

/** What the store knows about a conversation without reading its log again. */
interface Position {
  conversation: DirectLineConversation;
  /** The watermark the next activity gets. */
  next: number;
  /** The app clock's time of the last append (ms), else of the creation. */
  lastActivityAt: number;
}

/** A conversation file of the earlier store (one JSON file with all activities); converted on first use. */
interface LegacyConversationFile {
  conversation: DirectLineConversation;
  next: number;
  activities: AppendedActivity[];
}

const CONVERSATION_FILE = 'conversation.json';
const SEGMENT = /^(\d{8})\.jsonl$/;

/**
 * The default {@link DirectLineStore}: per conversation a folder under `directory` (spread over 256
 * sub-folders) with `conversation.json`, written once, and an append-only activity log in segments
 * of `segmentSize` lines. Posting appends one line, whatever the conversation's length: the next
 * watermark is kept in memory, and after a restart read from the newest segment alone; a whole
 * segment is removed once all its activities are older than the newest `maxActivities`. An activity
 * is in the file (the operating system's page cache) before `appendActivity` resolves, so it
 * survives the process being killed. "Last activity" for retention is the app clock's time in the
 * log, not the file's modification time.
 */
export class FileDirectLineStore implements DirectLineStore {
  private readonly lock = new KeyedLock();
  private readonly positions: BoundedMap<string, Position>;
  private readonly maxActivities: number;
  private readonly segmentSize: number;
  private readonly maxPageBytes: number;

  constructor(
    private readonly directory: string,
    private readonly now: Clock,
    options: FileDirectLineStoreOptions = {}
  ) {
    this.maxActivities = options.maxActivities ?? 500;
    this.segmentSize = options.segmentSize ?? 50;
    this.positions = new BoundedMap(options.cachedConversations ?? 5000);
    this.maxPageBytes = options.maxPageBytes ?? DEFAULT_PAGE_BYTES;
  }

  async createConversation(conversation: DirectLineConversation) {
    return this.lock.run(conversation.id, async () => {
      const existing = await this.position(conversation.id);
      if (existing) return { conversation: structuredClone(existing.conversation), created: false };
      const folder = this.folderOf(conversation.id);
      await mkdir(folder, { recursive: true });
      await writeAtomically(path.join(folder, CONVERSATION_FILE), JSON.stringify({ conversation }));
      this.positions.set(conversation.id, { conversation: structuredClone(conversation), next: 1, lastActivityAt: Date.parse(conversation.createdAt) || this.now().getTime() });
      return { conversation: structuredClone(conversation), created: true };
    });
  }

  async getConversation(id: string) {
    const position = await this.position(id);
    return position ? structuredClone(position.conversation) : undefined;
  }

  async appendActivity(conversationId: string, activity: DirectLineActivity): Promise<AppendedActivity | undefined> {
    return this.lock.run(conversationId, async () => {
      const position = await this.position(conversationId);
      if (!position) return undefined;
      const watermark = position.next;
      const at = this.now().getTime();
      const stored = { ...structuredClone(activity), id: activityIdFor(conversationId, watermark) };
      const folder = this.folderOf(conversationId);
      await appendFile(path.join(folder, segmentName(this.segmentOf(watermark))), `${JSON.stringify({ w: watermark, at, a: stored } satisfies LogLine)}\n`);
      position.next = watermark + 1;
      position.lastActivityAt = at;
      // A new segment has begun: segments whose activities are all older than the kept ones go.
      if ((watermark - 1) % this.segmentSize === 0) await this.dropSegmentsBefore(folder, this.segmentOf(this.oldestKept(position)));
      return { activity: structuredClone(stored), watermark };
    });
  }

  async activitiesAfter(conversationId: string, watermark: number) {
    const position = await this.position(conversationId);
    if (!position) return undefined;
    const last = position.next - 1;
    // The usual question of a stream or a polling client: anything new? Answered without reading.
    if (watermark >= last) return { activities: [], watermark: Math.max(watermark, last) };
    const after = Math.max(watermark, this.oldestKept(position) - 1);
    const folder = this.folderOf(conversationId);
    const segments = (await this.segmentsIn(folder)).filter((segment) => segment >= this.segmentOf(after + 1));
    const entries: Array<{ watermark: number; bytes: number; activity: DirectLineActivity }> = [];
    let bytes = 0;
    let highest = last;
    // Segments are read only until a page is full: a read costs a page, not the conversation.
    for (const segment of segments) {
      if (bytes > this.maxPageBytes) break;
      for (const { line, bytes: size } of await readLines(path.join(folder, segmentName(segment)))) {
        if (line.w <= after) continue;
        entries.push({ watermark: line.w, bytes: size, activity: line.a });
        bytes += size;
        highest = Math.max(highest, line.w);
      }
    }
    return pageOf(entries, watermark, highest, this.maxPageBytes);
  }

  async deleteInactiveSince(cutoff: Date): Promise<number> {
    let deleted = 0;
    for (const bucket of await readdir(this.directory).catch(() => [] as string[])) {
      const entries = await readdir(path.join(this.directory, bucket)).catch(() => [] as string[]);
      for (const entry of entries) {
        const id = await this.conversationIdAt(path.join(this.directory, bucket, entry));
        if (id === undefined) continue;
        // Under the conversation's lock and checked there: a message written meanwhile keeps it.
        const removed = await this.lock.run(id, async () => {
          const position = await this.position(id);
          if (!position || position.lastActivityAt >= cutoff.getTime()) return false;
          await rm(this.folderOf(id), { recursive: true, force: true });
          this.positions.delete(id);
          return true;
        });
        if (removed) deleted++;
      }
    }
    return deleted;
  }

  /** The conversation's position: from memory, else from `conversation.json` and the newest segment. */
  private async position(conversationId: string): Promise<Position | undefined> {
    const cached = this.positions.get(conversationId);
    if (cached) return cached;
    const folder = this.folderOf(conversationId);
    let conversation = await readConversation(path.join(folder, CONVERSATION_FILE));
    if (!conversation) conversation = await this.convertLegacyFile(conversationId);
    // Two ids share a folder only if their SHA-256 collides; the check keeps that honest.
    if (!conversation || conversation.id !== conversationId) return undefined;
    const position: Position = { conversation, next: 1, lastActivityAt: Date.parse(conversation.createdAt) || 0 };
    const newest = (await this.segmentsIn(folder)).at(-1);
    if (newest !== undefined) {
      const file = path.join(folder, segmentName(newest));
      await cutTornLine(file);
      const last = (await readLines(file)).at(-1)?.line;
      position.next = Math.max(newest * this.segmentSize + 1, last ? last.w + 1 : 1);
      if (last) position.lastActivityAt = last.at;
    }
    // A concurrent load may have won; keep one position object per conversation.
    const raced = this.positions.get(conversationId);
    if (raced) return raced;
    this.positions.set(conversationId, position);
    return position;
  }

  /** The watermark of the oldest activity kept. */
  private oldestKept(position: Position): number {
    return Math.max(1, position.next - this.maxActivities);
  }

  private segmentOf(watermark: number): number {
    return Math.floor((watermark - 1) / this.segmentSize);
  }

  private async segmentsIn(folder: string): Promise<number[]> {
    const names = await readdir(folder).catch(() => [] as string[]);
    return names.flatMap((name) => (SEGMENT.test(name) ? [Number(SEGMENT.exec(name)![1])] : [])).sort((a, b) => a - b);
  }

  private async dropSegmentsBefore(folder: string, segment: number): Promise<void> {
    for (const old of (await this.segmentsIn(folder)).filter((s) => s < segment)) await rm(path.join(folder, segmentName(old)), { force: true });
  }

  /** The conversation id of a folder (or of a file of the earlier store); undefined for anything else. */
  private async conversationIdAt(entry: string): Promise<string | undefined> {
    const file = entry.endsWith('.json') ? entry : path.join(entry, CONVERSATION_FILE);
    try {
      return (JSON.parse(await readFile(file, 'utf8')) as { conversation: DirectLineConversation }).conversation.id;
    } catch {
      return undefined;
    }
  }

  /**
   * Converts the earlier store's file of this conversation (`<bucket>/<hash>.json`, the whole
   * conversation in one JSON document) into a folder, then removes it; undefined when there is none.
   */
  private async convertLegacyFile(conversationId: string): Promise<DirectLineConversation | undefined> {
    const legacy = `${this.folderOf(conversationId)}.json`;
    let data: LegacyConversationFile;
    try {
      data = JSON.parse(await readFile(legacy, 'utf8')) as LegacyConversationFile;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new Error(`Direct Line store: the file of conversation "${conversationId}" (${legacy}) is unreadable: ${(error as Error).message}`);
    }
    if (data.conversation?.id !== conversationId) return undefined;
    const folder = this.folderOf(conversationId);
    await mkdir(folder, { recursive: true });
    const at = Date.parse(data.conversation.createdAt) || this.now().getTime();
    const bySegment = new Map<number, string[]>();
    for (const { activity, watermark } of data.activities) {
      const line = JSON.stringify({ w: watermark, at: Date.parse(String(activity.timestamp ?? '')) || at, a: activity } satisfies LogLine);
      bySegment.set(this.segmentOf(watermark), [...(bySegment.get(this.segmentOf(watermark)) ?? []), line]);
    }
    for (const [segment, lines] of bySegment) await writeAtomically(path.join(folder, segmentName(segment)), `${lines.join('\n')}\n`);
    // conversation.json last: until it exists, the conversion starts again from the old file.
    await writeAtomically(path.join(folder, CONVERSATION_FILE), JSON.stringify({ conversation: data.conversation }));
    await rm(legacy, { force: true });
    return data.conversation;
  }

  private folderOf(conversationId: string): string {
    const hash = createHash('sha256').update(conversationId).digest('hex');
    return path.join(this.directory, hash.slice(0, 2), hash.slice(2, 40));
  }
}

function segmentName(segment: number): string {
  return `${String(segment).padStart(8, '0')}.jsonl`;
}

async function readConversation(file: string): Promise<DirectLineConversation | undefined> {
  try {
    return (JSON.parse(await readFile(file, 'utf8')) as { conversation: DirectLineConversation }).conversation;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`Direct Line store: ${file} is unreadable: ${(error as Error).message}`);
  }
}

/** The complete lines of a segment, each with its length; a line cut short by a crash (never acknowledged) is skipped. */
async function readLines(file: string): Promise<Array<{ line: LogLine; bytes: number }>> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? '' : Promise.reject(error)));
  return text.split('\n').flatMap((raw) => {
    if (!raw) return [];
    try {
      return [{ line: JSON.parse(raw) as LogLine, bytes: raw.length }];
    } catch {
      return [];
    }
  });
}

/** Removes a last line without its newline (the process died while writing it), so appends start clean. */
async function cutTornLine(file: string): Promise<void> {
  const handle = await open(file, 'r');
  let size: number;
  try {
    size = (await handle.stat()).size;
    if (size === 0) return;
    const tail = Buffer.alloc(1);
    await handle.read(tail, 0, 1, size - 1);
    if (tail[0] === 0x0a) return;
  } finally {
    await handle.close();
  }
  const text = await readFile(file);
  await truncate(file, text.lastIndexOf(0x0a) + 1);
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, file);
}
