import type { Department, FaqEntry, Language } from '../content/schema';
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
const MIN_DEPARTMENT_SCORE = 0.3;
const KEYWORD_HIT = 0.5;

/**
 * Keyword evidence for FAQ entries and departments, and the department guess of a message.
 *
 * Departments are data: their aliases and keywords (knowledge/departments.json) route messages that
 * no FAQ entry covers ("der Aufzug steckt fest" → facility).
 */
export class DepartmentRouter {
  private readonly entryKeywords = new Map<string, KeywordTarget[]>();
  private readonly departmentKeywords = new Map<string, KeywordTarget[]>();

  constructor(language: Language, departments: readonly Department[], faq: readonly FaqEntry[]) {
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
   * Guesses the owning department from the ranked candidates and the department keywords.
   * @returns null when nothing points to a department clearly enough.
   */
  guess(candidates: readonly Scored[], tokens: readonly string[], corrections: readonly FuzzyMatch[]): DepartmentGuess | null {
    const fromCandidates = new Map<string, number>();
    for (const c of candidates) {
      if (c.department) fromCandidates.set(c.department, Math.min(1, (fromCandidates.get(c.department) ?? 0) + c.score));
    }
    const fromKeywords = evidence(this.departmentKeywords, tokens, corrections);
    let best: DepartmentGuess | null = null;
    for (const id of new Set([...fromCandidates.keys(), ...fromKeywords.keys()])) {
      const score = 1 - (1 - (fromCandidates.get(id) ?? 0)) * (1 - (fromKeywords.get(id) ?? 0));
      if (!best || score > best.score) best = { id, score };
    }
    return best && best.score >= MIN_DEPARTMENT_SCORE ? best : null;
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
