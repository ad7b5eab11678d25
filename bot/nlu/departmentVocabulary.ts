import type { Department, FaqEntry, IntentDefinition, Language } from '../content/schema';
import type { FuzzyMatch } from './fuzzyVocabulary';
import { normalizeText, stem } from './textNormalize';

/** Settings of {@link DepartmentVocabulary}; the defaults were chosen on half of tests/routing/routing.json. */
export interface VocabularyOptions {
  /** How much one word used only by one department adds to its evidence (noisy-or), in [0,1]. */
  hit: number;
  /** Factor for words the bot's small talk and out-of-scope examples also use ("wetter", "bitte"). */
  neutralFactor: number;
  /** Shortest word that counts; shorter ones are mostly function words. */
  minWordLength: number;
  /** Shortest known word looked for inside longer German compounds ("zertifikat" in "zertifikatsfehler"). */
  minCompoundPart: number;
}

export const DEFAULT_VOCABULARY_OPTIONS: VocabularyOptions = {
  hit: 0.4,
  neutralFactor: 0.3,
  minWordLength: 4,
  minCompoundPart: 6
};

/** How strongly a word stem points to each department: (department, weight in [0,1]) pairs. */
type Pointers = Array<{ department: string; weight: number }>;

/**
 * Which departments the words of a message belong to, learnt from all of the bot's own content: each
 * department's FAQ entries (questions, phrasings, keywords, answers, link titles), its description,
 * keywords and aliases, and the intents it owns. This reaches words that no keyword list names but
 * the content uses ("SharePoint", "Monatsabschluss").
 *
 * A stem points to a department by how much more often that department's texts use it than the
 * others' (0 when all use it alike, 1 when only one does); words the department-less intents use
 * (small talk, out-of-scope examples) count less.
 */
export class DepartmentVocabulary {
  private readonly pointers = new Map<string, Pointers>();
  /** Distinctive stems long enough to be found inside compounds, longest first. */
  private readonly compoundParts: string[] = [];

  constructor(
    private readonly language: Language,
    departments: readonly Department[],
    faq: readonly FaqEntry[],
    intents: readonly IntentDefinition[],
    private readonly options: VocabularyOptions = DEFAULT_VOCABULARY_OPTIONS
  ) {
    const texts = new Map<string, string[]>(departments.map((d) => [d.id, []]));
    const add = (department: string | undefined, text: string) => texts.get(department ?? '')?.push(text);
    for (const d of departments) {
      add(d.id, [d.name[language], d.description[language], ...d.keywords[language], ...d.aliases[language]].join(' '));
    }
    for (const e of faq) add(e.department, [e.question, ...e.alternatives, ...e.keywords, e.answer, ...e.links.map((l) => l.title)].join(' '));
    const neutral = new Set<string>();
    for (const intent of intents) {
      if (intent.department) add(intent.department, intent.utterances.join(' '));
      else for (const text of intent.utterances) for (const s of this.stems(text)) neutral.add(s);
    }

    // Share of a department's texts that use the stem, per department.
    const usage = new Map<string, Map<string, number>>();
    for (const [department, list] of texts) {
      for (const text of list) {
        for (const s of new Set(this.stems(text))) {
          const perDepartment = usage.get(s) ?? new Map<string, number>();
          perDepartment.set(department, (perDepartment.get(department) ?? 0) + 1 / list.length);
          usage.set(s, perDepartment);
        }
      }
    }
    const n = departments.length;
    for (const [s, perDepartment] of usage) {
      let total = 0;
      for (const share of perDepartment.values()) total += share;
      const trust = neutral.has(s) ? options.neutralFactor : 1;
      const list: Pointers = [];
      for (const [department, share] of perDepartment) {
        // 0 when every department uses the stem equally often, 1 when only this one does.
        const excess = n > 1 ? (share / total - 1 / n) / (1 - 1 / n) : 1;
        if (excess > 0 && trust > 0) list.push({ department, weight: excess * trust });
      }
      if (list.length > 0) {
        this.pointers.set(s, list);
        if (s.length >= options.minCompoundPart && list.some((p) => p.weight >= 0.5)) this.compoundParts.push(s);
      }
    }
    this.compoundParts.sort((a, b) => b.length - a.length);
  }

  /**
   * Evidence per department in [0,1] for a message's normalised tokens and their spelling corrections:
   * 1 − Π(1 − hit · weight) over the message's distinct stems.
   */
  evidence(tokens: readonly string[], corrections: readonly FuzzyMatch[]): Map<string, number> {
    const found = new Map<string, number>();
    const note = (s: string, quality: number) => found.set(s, Math.max(found.get(s) ?? 0, quality));
    for (const token of tokens) {
      if (token.length < this.options.minWordLength || /^[0-9]+$/.test(token)) continue;
      const s = stem(token, this.language);
      if (this.pointers.has(s)) note(s, 1);
      else if (token.length > this.options.minCompoundPart) {
        const part = this.compoundParts.find((p) => p.length < token.length && token.includes(p));
        if (part) note(part, 0.8);
      }
    }
    for (const c of corrections) {
      const s = stem(c.term, this.language);
      if (this.pointers.has(s)) note(s, c.quality);
    }
    const missing = new Map<string, number>();
    for (const [s, quality] of found) {
      for (const { department, weight } of this.pointers.get(s)!) {
        missing.set(department, (missing.get(department) ?? 1) * (1 - this.options.hit * weight * quality));
      }
    }
    return new Map([...missing].map(([department, m]) => [department, 1 - m]));
  }

  private stems(text: string): string[] {
    return normalizeText(text)
      .split(' ')
      .filter((t) => t.length >= this.options.minWordLength && !/^[0-9]+$/.test(t))
      .map((t) => stem(t, this.language));
  }
}
