import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { seededRandom, shuffleInPlace } from '../../bot/nlu/random';
import type { LabelledText } from '../../bot/nlu/types';
import { parseCsv } from './csv';

/** Column names accepted for the label in a CSV header (the text column must be called "text"). */
const CSV_LABEL_COLUMNS = ['category', 'intent', 'label'];

/**
 * Loads a labelled dataset: a `.json` file with an array of `{"text", "intent"}` objects, or a `.csv`
 * file with a header row `text,category` (also `intent` or `label`). The intent `oos` marks
 * out-of-scope examples. Throws an Error naming the file and the offending row if it is malformed.
 */
export function loadDataset(path: string): LabelledText[] {
  let content: string;
  try {
    content = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read dataset ${path}: ${(error as Error).message}`);
  }
  const ext = extname(path).toLowerCase();
  if (ext === '.json') return parseJsonDataset(content, path);
  if (ext === '.csv') return parseCsvDataset(content, path);
  throw new Error(`dataset ${path}: unknown file type "${ext}", expected .json or .csv`);
}

/** Parses the JSON dataset format of {@link loadDataset}; `source` names the file in errors. */
export function parseJsonDataset(content: string, source = 'JSON'): LabelledText[] {
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch (error) {
    throw new Error(`dataset ${source}: invalid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(data)) throw new Error(`dataset ${source}: expected a JSON array of {"text","intent"} objects`);
  const examples = data.map((row: unknown, i): LabelledText => {
    const item = row as { text?: unknown; intent?: unknown } | null;
    if (typeof item !== 'object' || item === null || typeof item.text !== 'string' || typeof item.intent !== 'string') {
      throw new Error(`dataset ${source}: item ${i} is not an object with string fields "text" and "intent"`);
    }
    if (item.intent.trim() === '') throw new Error(`dataset ${source}: item ${i} has an empty intent`);
    return { text: item.text, label: item.intent.trim() };
  });
  if (examples.length === 0) throw new Error(`dataset ${source}: no examples`);
  return examples;
}

/** Parses the CSV dataset format of {@link loadDataset}; `source` names the file in errors. */
export function parseCsvDataset(content: string, source = 'CSV'): LabelledText[] {
  let records: string[][];
  try {
    records = parseCsv(content);
  } catch (error) {
    throw new Error(`dataset ${source}: malformed CSV: ${(error as Error).message}`);
  }
  const header = (records.shift() ?? []).map((name) => name.trim().toLowerCase());
  const textColumn = header.indexOf('text');
  const labelColumn = header.findIndex((name) => CSV_LABEL_COLUMNS.includes(name));
  if (textColumn < 0 || labelColumn < 0) {
    throw new Error(`dataset ${source}: the header must name the columns "text" and "category", got "${header.join(',')}"`);
  }
  const examples: LabelledText[] = [];
  records.forEach((record, i) => {
    if (record.length === 1 && record[0].trim() === '') return; // blank line
    if (record.length !== header.length) {
      throw new Error(`dataset ${source}: record ${i + 1} has ${record.length} fields, the header has ${header.length}`);
    }
    const label = record[labelColumn].trim();
    if (label === '') throw new Error(`dataset ${source}: record ${i + 1} has an empty ${header[labelColumn]}`);
    examples.push({ text: record[textColumn], label });
  });
  if (examples.length === 0) throw new Error(`dataset ${source}: no examples`);
  return examples;
}

/**
 * Splits examples into two parts, stratified by label: of each label, `round(fraction * count)`
 * examples (chosen by a shuffle with `seed`) go to `holdout`, the rest to `rest`; both keep the
 * original order. Labels with a single example stay in `rest`.
 */
export function stratifiedSplit(
  examples: readonly LabelledText[],
  fraction: number,
  seed: number
): { rest: LabelledText[]; holdout: LabelledText[] } {
  if (!(fraction > 0 && fraction < 1)) throw new Error(`split fraction must be in (0,1), got ${fraction}`);
  const byLabel = new Map<string, number[]>();
  examples.forEach((example, i) => {
    const list = byLabel.get(example.label) ?? [];
    list.push(i);
    byLabel.set(example.label, list);
  });
  const random = seededRandom(seed);
  const inHoldout = new Set<number>();
  for (const indices of byLabel.values()) {
    if (indices.length < 2) continue;
    const take = Math.min(indices.length - 1, Math.round(fraction * indices.length));
    for (const i of shuffleInPlace([...indices], random).slice(0, take)) inHoldout.add(i);
  }
  return {
    rest: examples.filter((_, i) => !inHoldout.has(i)),
    holdout: examples.filter((_, i) => inHoldout.has(i))
  };
}
