import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { MessageRecognizer, Recognition, RecognizeOptions, Recognizer } from '../nlu/recognizer';
import type { KnowledgeBase } from './knowledgeBase';
import { ContentError, type Content } from './loadContent';
import { faqEntrySchema, LANGUAGES, type FaqEntry, type Language } from './schema';

const approvedFileSchema = z.object({ entries: z.array(z.object({ de: faqEntrySchema, en: faqEntrySchema }).strict()) }).strict();
type ApprovedEntry = { de: FaqEntry; en: FaqEntry };

/** The recognizer the bot uses now; replaced in one step when the knowledge changes. */
export class LiveRecognizer implements MessageRecognizer {
  constructor(private current: Recognizer) {}

  recognize(text: string, fallbackLanguage: Language, options?: RecognizeOptions): Recognition {
    return this.current.recognize(text, fallbackLanguage, options);
  }

  replace(next: Recognizer): void {
    this.current = next;
  }
}

/**
 * The shipped content plus the FAQ entries approved by staff at run time, read from `file`
 * (`<DATA_DIR>/knowledge/approved.json`): what the bot answers from at start-up.
 * @throws ContentError when the file is not valid.
 */
export function withApprovedEntries(base: Content, file: string): Content {
  const approved = readApproved(file);
  return approved.length > 0 ? merge(base, approved) : base;
}

/**
 * The shipped content plus FAQ entries approved by staff at run time (kept in
 * `<DATA_DIR>/knowledge/approved.json`). Approving an entry retrains the recognizer and swaps it in,
 * so the bot answers the new entry at once, without a restart.
 */
export class LiveKnowledge {
  private approved: ApprovedEntry[];

  /**
   * @param content what the bot answers from now: {@link withApprovedEntries} of the shipped content.
   * @param train trains a recognizer for changed content (in worker threads, so turns go on meanwhile).
   */
  constructor(
    private content: Content,
    private readonly file: string,
    private readonly knowledge: KnowledgeBase,
    private readonly recognizer: LiveRecognizer,
    private readonly train: (content: Content) => Promise<Recognizer>
  ) {
    this.approved = readApproved(file);
  }

  /** Adds an entry in both languages, stores it, and retrains; throws ContentError for a clash. */
  async add(entry: ApprovedEntry): Promise<void> {
    for (const language of LANGUAGES) {
      const parsed = faqEntrySchema.safeParse(entry[language]);
      if (!parsed.success) throw new ContentError(parsed.error.issues.map((i) => `${language}: ${i.path.join('.')}: ${i.message}`));
      if (this.content.faq[language].some((e) => e.id === entry[language].id)) throw new ContentError([`${language}: duplicate id "${entry[language].id}"`]);
    }
    const next = merge(this.content, [entry]);
    this.approved = [...this.approved, entry];
    await mkdir(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify({ entries: this.approved }, null, 2));
    await rename(temporary, this.file);
    const recognizer = await this.train(next);
    this.content = next;
    this.knowledge.replace(next);
    this.recognizer.replace(recognizer);
  }
}

function merge(content: Content, additions: ApprovedEntry[]): Content {
  return {
    ...content,
    faq: { de: [...content.faq.de, ...additions.map((a) => a.de)], en: [...content.faq.en, ...additions.map((a) => a.en)] }
  };
}

function readApproved(file: string): ApprovedEntry[] {
  if (!existsSync(file)) return [];
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ContentError([`${file}: not valid JSON (${(error as Error).message})`]);
  }
  const parsed = approvedFileSchema.safeParse(json);
  if (!parsed.success) throw new ContentError(parsed.error.issues.map((i) => `${file}: ${i.path.join('.')}: ${i.message}`));
  return parsed.data.entries;
}
