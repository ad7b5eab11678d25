import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import {
  LANGUAGES,
  departmentsFileSchema,
  faqEntrySchema,
  faqFileSchema,
  intentFileSchema,
  intentSchema,
  type Department,
  type FaqEntry,
  type IntentDefinition,
  type Language,
  type ValueStream,
  valueStreamSchema,
  valueStreamsFileSchema
} from './schema';

/** Everything the bot knows, per language, validated. */
export interface Content {
  departments: Department[];
  valueStreams: ValueStream[];
  faq: Record<Language, FaqEntry[]>;
  intents: Record<Language, IntentDefinition[]>;
}

/** Thrown when content files are broken; `problems` names each file and entry id. */
export class ContentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Content is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n  ${problems.join('\n  ')}`);
  }
}

export interface ContentPaths {
  knowledgeDir: string;
  intentsDir: string;
}

/**
 * Reads and validates `knowledge/departments.json`, `knowledge/<lang>/*.json` and
 * `intents/<lang>/*.json`. Collects every problem before failing, so one start-up shows them all.
 */
export function loadContent({ knowledgeDir, intentsDir }: ContentPaths): Content {
  const problems: string[] = [];
  const departmentsFile = path.join(knowledgeDir, 'departments.json');
  const departments = parseFile(departmentsFile, departmentsFileSchema, problems)?.departments ?? [];
  const departmentIds = new Set(departments.map((d) => d.id));
  reportDuplicates(departmentsFile, 'department', departments.map((d) => d.id), problems);

  const valueStreams = loadValueStreams(path.join(knowledgeDir, 'valueStreams.json'), departmentIds, problems);

  const faq = {} as Record<Language, FaqEntry[]>;
  const intents = {} as Record<Language, IntentDefinition[]>;
  // Ids of every entry, valid or not, so that a broken entry is not reported a second time as untranslated.
  const ids = { knowledge: {} as Record<Language, Set<string>>, intents: {} as Record<Language, Set<string>> };
  for (const language of LANGUAGES) {
    ids.knowledge[language] = new Set();
    ids.intents[language] = new Set();
    faq[language] = loadEntries(path.join(knowledgeDir, language), faqFileSchema, 'entries', faqEntrySchema, problems, ids.knowledge[language]);
    intents[language] = loadEntries(path.join(intentsDir, language), intentFileSchema, 'intents', intentSchema, problems, ids.intents[language]);
    for (const item of [...faq[language], ...intents[language]]) {
      if (item.department && !departmentIds.has(item.department)) {
        problems.push(`${language}: entry "${item.id}": unknown department "${item.department}"`);
      }
      const stream = (item as IntentDefinition).valueStream;
      if (stream && !valueStreams.some((v) => v.id === stream)) problems.push(`${language}: entry "${item.id}": unknown value stream "${stream}"`);
    }
    reportDuplicates(`${language}`, 'id', [...faq[language], ...intents[language]].map((e) => e.id), problems);
  }
  reportMissingTranslations('knowledge', ids.knowledge, problems);
  reportMissingTranslations('intents', ids.intents, problems);

  if (problems.length > 0) throw new ContentError(problems);
  return { departments, valueStreams, faq, intents };
}

function loadValueStreams(file: string, departmentIds: Set<string>, problems: string[]): ValueStream[] {
  const parsed = parseFile(file, valueStreamsFileSchema, problems);
  const streams: ValueStream[] = [];
  (parsed?.valueStreams ?? []).forEach((raw, index) => {
    const rawId = (raw as { id?: unknown } | null)?.id;
    const label = typeof rawId === 'string' ? `"${rawId}"` : `#${index + 1}`;
    const result = valueStreamSchema.safeParse(raw);
    if (!result.success) {
      for (const issue of result.error.issues) problems.push(`${file}: entry ${label}: ${issue.path.join('.') || '(entry)'}: ${issue.message}`);
      return;
    }
    for (const task of result.data.tasks) {
      if (!departmentIds.has(task.department)) problems.push(`${file}: entry ${label}: task "${task.key}": unknown department "${task.department}"`);
    }
    streams.push(result.data);
  });
  return streams;
}

function loadEntries<T extends { id: string }>(
  dir: string,
  fileSchema: z.ZodType<Record<string, unknown[]>>,
  listKey: string,
  entrySchema: z.ZodType<T>,
  problems: string[],
  seenIds: Set<string>
): T[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((name) => name.endsWith('.json')).sort();
  } catch {
    problems.push(`${dir}: folder is missing`);
    return [];
  }
  if (files.length === 0) problems.push(`${dir}: no .json files`);
  const entries: T[] = [];
  for (const name of files) {
    const file = path.join(dir, name);
    const parsed = parseFile(file, fileSchema, problems);
    (parsed?.[listKey] ?? []).forEach((raw, index) => {
      const rawId = (raw as { id?: unknown } | null)?.id;
      if (typeof rawId === 'string') seenIds.add(rawId);
      const result = entrySchema.safeParse(raw);
      if (result.success) {
        entries.push(result.data);
        return;
      }
      const id = typeof rawId === 'string' ? `"${rawId}"` : `#${index + 1}`;
      for (const issue of result.error.issues) {
        problems.push(`${file}: entry ${id}: ${issue.path.join('.') || '(entry)'}: ${issue.message}`);
      }
    });
  }
  return entries;
}

function parseFile<T>(file: string, schema: z.ZodType<T>, problems: string[]): T | undefined {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    problems.push(`${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file is missing' : `not valid JSON (${(error as Error).message})`}`);
    return undefined;
  }
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    problems.push(`${file}: ${describePath(json, issue.path)}: ${issue.message}`);
  }
  return undefined;
}

/** Names an issue's location by the id of the entry it is in, where there is one. */
function describePath(json: unknown, issuePath: PropertyKey[]): string {
  let node: unknown = json;
  let label = '';
  for (const key of issuePath) {
    node = (node as Record<PropertyKey, unknown> | undefined)?.[key];
    const id = (node as { id?: unknown } | undefined)?.id;
    label = typeof id === 'string' ? `entry "${id}"` : `${label}${label ? '.' : ''}${String(key)}`;
  }
  return label || '(file)';
}

function reportDuplicates(where: string, what: string, ids: string[], problems: string[]): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) problems.push(`${where}: duplicate ${what} "${id}"`);
    seen.add(id);
  }
}

function reportMissingTranslations(kind: string, idsByLanguage: Record<Language, Set<string>>, problems: string[]): void {
  for (const language of LANGUAGES) {
    for (const other of LANGUAGES) {
      if (other === language) continue;
      for (const id of idsByLanguage[language]) {
        if (!idsByLanguage[other].has(id)) problems.push(`${kind}/${other}: entry "${id}" exists in ${language} but not in ${other}`);
      }
    }
  }
}
