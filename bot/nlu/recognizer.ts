import { LANGUAGES, type Department, type FaqEntry, type IntentDefinition, type Language } from '../content/schema';
import type { Content } from '../content/loadContent';
import { DepartmentRouter, type DepartmentGuess } from './departmentRouter';
import { FuzzyVocabulary, type FuzzyMatch } from './fuzzyVocabulary';
import { LanguageDetector } from './languageDetector';
import { isOutOfScope } from './outOfScope';
import { normalizeText } from './textNormalize';
import { OUT_OF_SCOPE, type IntentClassifier, type LabelledText, type ScoredLabel } from './types';
import { deepFreeze } from '../util/deepFreeze';

/** Confidence limits that choose what the bot does with a message; all in [0,1]. */
export interface RecognizerThresholds {
  /** At or above: answer directly (when no other candidate is close). */
  answer: number;
  /** At or above: offer the closest candidates ("did you mean…?"). Below: ask back. */
  disambiguate: number;
  /** Below: out of scope. */
  outOfScope: number;
}

export type Decision = 'answer' | 'disambiguate' | 'clarify' | 'out_of_scope';

/** One thing the message may mean: a FAQ entry or an intent. */
export interface Candidate {
  id: string;
  kind: 'faq' | 'intent';
  score: number;
  department?: string;
}

/** What a message means, how sure the bot is, and what to do about it. */
export interface Recognition {
  text: string;
  /** The language to answer in. */
  language: Language;
  /** True when the language was detected from this message, false when it fell back. */
  languageDetected: boolean;
  decision: Decision;
  /** The best in-scope candidate, if any. */
  top: Candidate | null;
  /** In-scope candidates, best first (at most five). */
  candidates: Candidate[];
  /** The department that owns the message, even when no FAQ entry matches; null when none does. */
  department: DepartmentGuess | null;
}

/** How to recognize one message. */
export interface RecognizeOptions {
  /**
   * Answer in `fallbackLanguage` whatever the message looks like: it is one of the bot's own
   * button titles, which say nothing about the employee's language.
   */
  keepLanguage?: boolean;
}

/** Anything that recognizes messages: the trained {@link Recognizer} or a live, replaceable one. */
export interface MessageRecognizer {
  recognize(text: string, fallbackLanguage: Language, options?: RecognizeOptions): Recognition;
}

/** Two candidates closer than this ratio are ambiguous: the bot asks instead of guessing. */
const AMBIGUITY_RATIO = 0.6;
/** Candidates below this share of the best one are not offered as alternatives. */
const OFFER_RATIO = 0.4;
/** How much keyword evidence can lift a FAQ entry's score. */
const KEYWORD_WEIGHT = 0.25;
/** Messages up to this long are remembered (see {@link Recognizer.recognize}). */
const MEMO_MAX_CHARS = 40;
const MEMO_SIZE = 500;

interface Ranked {
  scores: ScoredLabel[];
  candidates: Candidate[];
  department: DepartmentGuess | null;
}

interface LanguageModel {
  classifier: IntentClassifier;
  vocabulary: FuzzyVocabulary;
  router: DepartmentRouter;
  kinds: Map<string, Candidate['kind']>;
  departments: Map<string, string | undefined>;
}

/**
 * Combines the trained intent classifier (natural tokenizers and stemmers, own model), fuse.js
 * spelling correction against the knowledge base vocabulary, keyword evidence and department
 * routing into one ranked result with a confidence in [0,1].
 */
export class Recognizer implements MessageRecognizer {
  private readonly memo = new Map<string, Recognition>();

  constructor(
    private readonly models: Record<Language, LanguageModel>,
    private readonly detector: LanguageDetector,
    private readonly thresholds: RecognizerThresholds
  ) {}

  /**
   * Recognizes one message.
   * @param fallbackLanguage the language to use when the message does not show its own (the user's).
   */
  recognize(text: string, fallbackLanguage: Language, options: RecognizeOptions = {}): Recognition {
    const keep = options.keepLanguage === true;
    // Short messages (answers, button titles, greetings: "ja", "IT-Service", "danke") repeat across
    // employees and are the dearest to recognize (both languages, spelling correction), so their
    // recognition is remembered. The model never changes: a retrained one is a new Recognizer.
    if (text.length > MEMO_MAX_CHARS) return this.recognizeAnew(text, fallbackLanguage, keep);
    const key = `${fallbackLanguage}:${keep ? 'keep' : 'detect'}:${text}`;
    let recognition = this.memo.get(key);
    if (recognition) {
      this.memo.delete(key);
    } else {
      recognition = deepFreeze(this.recognizeAnew(text, fallbackLanguage, keep));
      if (this.memo.size >= MEMO_SIZE) this.memo.delete(this.memo.keys().next().value!);
    }
    this.memo.set(key, recognition);
    return recognition;
  }

  private recognizeAnew(text: string, fallbackLanguage: Language, keepLanguage: boolean): Recognition {
    // Only a sentence clearly written in a language shows it; a word or two ("Drucker", "mittel"),
    // a name, a number or a button title keep the language the conversation has.
    const clear = keepLanguage ? null : this.detector.clearLanguage(text);
    const languageDetected = clear !== null;
    const language = clear ?? fallbackLanguage;
    const primary = this.rank(text, language);
    if (languageDetected) return this.decide(text, language, true, primary);
    // An unclear language ("VPN?") is recognized with both models; ids are shared, so the better wins.
    const other = this.rank(text, LANGUAGES.find((l) => l !== language)!);
    const best = (other.candidates[0]?.score ?? 0) > (primary.candidates[0]?.score ?? 0) ? other : primary;
    return this.decide(text, language, false, best);
  }

  private rank(text: string, language: Language): Ranked {
    const model = this.models[language];
    const tokens = normalizeText(text).split(' ').filter(Boolean);
    const first = this.score(model, text, tokens, []);
    if (this.isClear(first)) return first;
    // Spelling correction with fuse.js costs more than classifying, so it runs only when the
    // first pass is unsure, and re-ranks with the corrected words added.
    const corrections = model.vocabulary.corrections(tokens);
    return corrections.length > 0 ? this.score(model, `${text} ${corrections.map((c) => c.term).join(' ')}`, tokens, corrections) : first;
  }

  private score(model: LanguageModel, input: string, tokens: string[], corrections: FuzzyMatch[]): Ranked {
    const keywordEvidence = model.router.entryEvidence(tokens, corrections);
    const scores = model.classifier
      .classify(input, 8)
      .map(({ label, score }) => ({ label, score: score + (1 - score) * KEYWORD_WEIGHT * (keywordEvidence.get(label) ?? 0) }))
      .sort((a, b) => b.score - a.score);
    const candidates = scores
      .filter((s) => s.label !== OUT_OF_SCOPE)
      .slice(0, 5)
      .map((s) => ({ id: s.label, kind: model.kinds.get(s.label) ?? 'intent', score: s.score, department: model.departments.get(s.label) }));
    const department = model.router.guess(candidates, tokens, corrections);
    return { scores, candidates, department };
  }

  private isClear({ candidates }: Ranked): boolean {
    const [top, second] = candidates;
    return !!top && top.score >= this.thresholds.answer && !(second && second.score >= top.score * AMBIGUITY_RATIO);
  }

  private decide(
    text: string,
    language: Language,
    languageDetected: boolean,
    ranked: Ranked
  ): Recognition {
    const { scores, candidates, department } = ranked;
    const [top] = candidates;
    const base = { text, language, languageDetected, candidates, department, top: top ?? null };
    if (!top || isOutOfScope(scores, this.thresholds.outOfScope)) return { ...base, decision: 'out_of_scope' };
    if (this.isClear(ranked)) return { ...base, decision: 'answer' };
    const offers = candidates.filter((c) => c.score >= Math.max(top.score * OFFER_RATIO, this.thresholds.outOfScope));
    if (top.score >= this.thresholds.disambiguate && offers.length >= 2) {
      return { ...base, candidates: offers.slice(0, 3), decision: 'disambiguate' };
    }
    if (top.score >= this.thresholds.answer) return { ...base, decision: 'answer' };
    return { ...base, decision: 'clarify' };
  }
}


/** The recognition of a message without text (a card button's value): nothing to recognize. */
export function noTextRecognition(language: Language): Recognition {
  return { text: '', language, languageDetected: false, decision: 'clarify', top: null, candidates: [], department: null };
}

/** Builds the classifier for one language; the bot and `npm run eval` pass the same factory. */
export type ClassifierFactory = (language: Language) => IntentClassifier;

/** Training examples of one language: every intent utterance, FAQ question, phrasing and keyword set. */
export function trainingExamples(faq: readonly FaqEntry[], intents: readonly IntentDefinition[]): LabelledText[] {
  const examples: LabelledText[] = [];
  for (const intent of intents) for (const text of intent.utterances) examples.push({ text, label: intent.id });
  for (const entry of faq) {
    for (const text of [entry.question, ...entry.alternatives]) examples.push({ text, label: entry.id });
    if (entry.keywords.length > 0) examples.push({ text: entry.keywords.join(' '), label: entry.id });
  }
  return examples;
}

/**
 * Trains a recognizer for every language from validated content.
 * @param trained classifiers already trained on this content's {@link trainingExamples} (e.g. in
 *   worker threads); languages without one are trained here.
 */
export function trainRecognizer(
  content: Content,
  createClassifier: ClassifierFactory,
  thresholds: RecognizerThresholds,
  trained?: ReadonlyMap<Language, IntentClassifier>
): Recognizer {
  const models = {} as Record<Language, LanguageModel>;
  const samples = {} as Record<Language, string[]>;
  for (const language of LANGUAGES) {
    const faq = content.faq[language];
    const intents = content.intents[language];
    const examples = trainingExamples(faq, intents);
    let classifier = trained?.get(language);
    if (!classifier) {
      classifier = createClassifier(language);
      classifier.train(examples);
    }
    const words = examples.flatMap((e) => normalizeText(e.text).split(' '));
    models[language] = {
      classifier,
      vocabulary: new FuzzyVocabulary([...words, ...departmentWords(content.departments, language)]),
      router: new DepartmentRouter(language, content.departments, faq, intents),
      kinds: new Map<string, Candidate['kind']>([
        ...faq.map((e) => [e.id, 'faq'] as const),
        ...intents.map((i) => [i.id, 'intent'] as const)
      ]),
      departments: new Map<string, string | undefined>([
        ...faq.map((e) => [e.id, e.department] as const),
        ...intents.map((i) => [i.id, i.department] as const)
      ])
    };
    samples[language] = [
      ...examples.map((e) => e.text),
      ...faq.map((e) => e.answer),
      ...content.departments.map((d) => d.description[language])
    ];
  }
  return new Recognizer(models, new LanguageDetector(samples), thresholds);
}

function departmentWords(departments: readonly Department[], language: Language): string[] {
  return departments.flatMap((d) => [...d.keywords[language], ...d.aliases[language]].flatMap((w) => normalizeText(w).split(' ')));
}
