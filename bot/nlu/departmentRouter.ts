import type { Department, FaqEntry, IntentDefinition, Language } from '../content/schema';
import { DEFAULT_VOCABULARY_OPTIONS, DepartmentVocabulary, type VocabularyOptions } from './departmentVocabulary';
import type { FuzzyMatch } from './fuzzyVocabulary';
import { normalizeText } from './textNormalize';

/** The department that owns a message, with a score in [0,1]. */
export interface DepartmentGuess {
  id: string;
  score: number;
}

interface Scored {
  id: string;
  score: number;
  department?: string;
}

/** A keyword word points to a target (FAQ entry or department) with the share of its keyword. */
interface KeywordTarget {
  target: string;
  weight: number;
}

/** German compounds put keywords inside longer words ("Druckerpatrone"); shorter ones match too often. */
const MIN_COMPOUND_PART = 5;
const KEYWORD_HIT = 0.5;

/** Settings of {@link DepartmentRouter}; the defaults were chosen on half of tests/routing/routing.json. */
export interface RouterOptions {
  /** A department is named only at or above this score. */
  minScore: number;
  /** Settings of the content vocabulary (see {@link DepartmentVocabulary}). */
  vocabulary: VocabularyOptions;
}

export const DEFAULT_ROUTER_OPTIONS: RouterOptions = { minScore: 0.5, vocabulary: DEFAULT_VOCABULARY_OPTIONS };

/**
 * Keyword evidence for FAQ entries and departments, and the department guess of a message.
 *
 * Departments are data: their aliases and keywords (knowledge/departments.json) route messages that
 * no FAQ entry covers ("der Aufzug steckt fest" → facility), and so do the words each department's
 * content uses ({@link DepartmentVocabulary}).
 */
export class DepartmentRouter {
  private readonly entryKeywords = new Map<string, KeywordTarget[]>();
  private readonly departmentKeywords = new Map<string, KeywordTarget[]>();
  private readonly vocabulary: DepartmentVocabulary;

  /**
   * @param intents the language's intents: those with a department add to its vocabulary, the others
   *   (small talk, out-of-scope examples) mark words that point nowhere.
   */
  constructor(
    language: Language,
    departments: readonly Department[],
    faq: readonly FaqEntry[],
    intents: readonly IntentDefinition[] = [],
    private readonly options: RouterOptions = DEFAULT_ROUTER_OPTIONS
  ) {
    this.vocabulary = new DepartmentVocabulary(language, departments, faq, intents, options.vocabulary);
    for (const entry of faq) for (const keyword of entry.keywords) index(this.entryKeywords, keyword, entry.id);
    for (const department of departments) {
      for (const keyword of [...department.keywords[language], ...department.aliases[language]]) {
        index(this.departmentKeywords, keyword, department.id);
      }
    }
  }

  /** Keyword evidence per FAQ entry id, in [0,1]. */
  entryEvidence(tokens: readonly string[], corrections: readonly FuzzyMatch[]): Map<string, number> {
    return evidence(this.entryKeywords, tokens, corrections);
  }

  /**
   * Guesses the owning department from the ranked candidates, the department keywords and the
   * departments' vocabulary, combined as independent evidence (noisy-or).
   * @returns null when nothing points to a department clearly enough.
   */
  guess(candidates: readonly Scored[], tokens: readonly string[], corrections: readonly FuzzyMatch[]): DepartmentGuess | null {
    const fromCandidates = new Map<string, number>();
    for (const c of candidates) {
      if (c.department) fromCandidates.set(c.department, Math.min(1, (fromCandidates.get(c.department) ?? 0) + c.score));
    }
    const sources = [fromCandidates, evidence(this.departmentKeywords, tokens, corrections), this.vocabulary.evidence(tokens, corrections)];
    let best: DepartmentGuess | null = null;
    for (const id of new Set(sources.flatMap((source) => [...source.keys()]))) {
      const score = 1 - sources.reduce((missing, source) => missing * (1 - (source.get(id) ?? 0)), 1);
      if (!best || score > best.score) best = { id, score };
    }
    return best && best.score >= this.options.minScore ? best : null;
  }
}

function index(map: Map<string, KeywordTarget[]>, keyword: string, target: string): void {
  const words = normalizeText(keyword).split(' ').filter(Boolean);
  for (const word of words) {
    const targets = map.get(word) ?? [];
    if (!targets.some((t) => t.target === target)) targets.push({ target, weight: 1 / words.length });
    map.set(word, targets);
  }
}

/** 1 − Π(1 − hit) over every keyword word found in the message, per target. */
function evidence(map: Map<string, KeywordTarget[]>, tokens: readonly string[], corrections: readonly FuzzyMatch[]): Map<string, number> {
  const found = new Map<string, number>();
  const note = (word: string, quality: number) => found.set(word, Math.max(found.get(word) ?? 0, quality));
  for (const token of tokens) {
    if (map.has(token)) note(token, 1);
    else if (token.length > MIN_COMPOUND_PART) {
      for (const word of map.keys()) {
        if (word.length >= MIN_COMPOUND_PART && token.includes(word)) note(word, 0.8);
      }
    }
  }
  for (const c of corrections) if (map.has(c.term)) note(c.term, c.quality);
  const missing = new Map<string, number>();
  for (const [word, quality] of found) {
    for (const { target, weight } of map.get(word)!) {
      missing.set(target, (missing.get(target) ?? 1) * (1 - KEYWORD_HIT * quality * weight));
    }
  }
  return new Map([...missing].map(([target, m]) => [target, 1 - m]));
}
