import { createHash } from 'node:crypto';
import type { FeedbackEvent, InteractionEvent, UnansweredEvent } from '../analytics/interactionLog';
import type { Language } from '../content/schema';
import { stem, tokenize } from '../nlu/textNormalize';

/**
 * Knowledge gaps: what employees asked that the bot could not answer (`unanswered` events) or
 * answered unhelpfully (`feedback` with `helpful: false`), grouped into clusters of the same question
 * per owning department, so a department can write the missing FAQ entry.
 *
 * Method (docs/dashboard.md, "Knowledge gaps"):
 * 1. Each question becomes a set of terms: normalised and tokenised (`normalizeText`), stop words of
 *    both languages removed, stemmed in the question's language (`stem`).
 * 2. A term weighs idf² (smoothed idf = ln((1 + N) / (1 + df)) + 1; binary term frequency), counted
 *    over a reference collection of employee questions, the FAQ questions and their alternative
 *    phrasings (without one, over the gap questions): words many questions share weigh much less
 *    than the rare ones that name the thing ("Zeiterfassung", "Jobrad", "SAP"); squaring sharpens
 *    that contrast. The gaps themselves are not counted: a topic asked 40 times would otherwise make
 *    its own name ("Jira") weigh less than the words around it. Words of wanting ("vergessen", "zurücksetzen", "beantragen",
 *    "reset", "apply", …) weigh a quarter on top: with plain idf, two questions sharing two generic
 *    words out of three ("Passwort SAP vergessen", "Passwort Zeiterfassung vergessen") were one cluster.
 *    The character 4-grams of the content words form a second block (30 % of the similarity), so
 *    compounds and inflections meet ("Elektroauto" ~ "E-Auto", "Antrag" ~ "beantragen"): the
 *    similarity of two questions is 0.7 · cosine of the words + 0.3 · cosine of the 4-grams.
 * 3. Per department, oldest first, a question joins the cluster whose centroid is most similar
 *    (cosine ≥ {@link CLUSTER_THRESHOLD}) or starts a new one; then clusters whose centroids are that
 *    similar are merged until none are.
 * 4. Representative: the member with the highest mean cosine to the others (the most central one).
 *    Id: a hash of the department and the cluster's oldest question, stable while that question is in
 *    the range.
 */

/** Cosine similarity at or above which two questions (or clusters) are the same question. */
export const CLUSTER_THRESHOLD = 0.45;
/** At most this many example questions per cluster. */
export const MAX_EXAMPLES = 5;
/** The owning department of gaps the bot could not assign to one. */
export const UNASSIGNED = 'unassigned';

/** Stop words of both languages, in normalised spelling (ä → ae, ß → ss). */
const STOP_WORDS = new Set(
  (
    // German
    'a ab aber alle allem allen aller alles als also am an ander andere anderen auch auf aus bei beim bin bis bist bitte da dabei dafuer damit dann das dass dazu de dein deine dem den denn der des dich die dies diese diesem diesen dieser dieses dir do doch dort du durch ein eine einem einen einer eines einfach es etwas euch euer fuer gibt ganz geht gehen gerade gern gerne gut hab habe haben hallo hat hatte hier hin ich ihr ihre im immer in ins ist ja jemand jetzt kann kannst kein keine keinen koennen koennte man mehr mein meine meinem meinen meiner mich mir mit moechte muss muessen nach nicht nichts noch nun nur ob oder ohne schon sehr sein seine sich sie sind so soll sollte sowie ueber um und uns unser unsere unter viel vom von vor war wann warum was weil welche welchen welcher welches wenn wer werden wie wieso wir wird wo wohin woher wurde zu zum zur zwischen danke bekomme bekommen brauche mache machen ' +
    // English
    'a about all also am an and any are as at be been but by can could did do does doing for from get gets getting got had has have hello hi how i if in into is it its just me my need no not of on or our please should so some than that the their them then there these this to too up us was we what when where which who why will with would you your thanks thank'
  ).split(/\s+/).filter(Boolean)
);

/**
 * Words that say what the employee wants to do, not what about: every topic has them ("Passwort
 * vergessen" and "Jobrad beantragen" are about the password and the Jobrad). Their stems weigh a
 * quarter ({@link GENERIC_WEIGHT}), so "SAP-Passwort zurücksetzen" and "Zeiterfassung Passwort
 * zurücksetzen" stay apart. Listed in normalised spelling; matched after stemming in either language.
 */
const GENERIC_WORDS =
  // German
  'vergessen vergesse zuruecksetzen beantragen beantrage antrag bekommen bekomme brauche brauchen funktioniert funktionieren aendern einrichten anlegen lege melden finden machen erreichen erreiche buchen bestellen erhalten nutzen benutzen klappt geht gehen kaputt problem frage hilfe wer ' +
  // English
  'forgot forget reset apply request get need work working change set setup find contact reach claim create book order use using problem question help who';
/** Weight factor of generic words (see GENERIC_WORDS). */
export const GENERIC_WEIGHT = 0.25;
const GENERIC_STEMS = new Set(GENERIC_WORDS.split(/\s+/).flatMap((word) => [stem(word, 'de'), stem(word, 'en')]));

/** One question the bot could not (helpfully) answer. */
export interface GapQuestion {
  /** Stable key of the event (hash of kind, time, conversation and text). */
  key: string;
  kind: 'unanswered' | 'not_helpful';
  text: string;
  language: Language;
  department: string;
  at: string;
  /** For `not_helpful`: the FAQ entry that did not help. */
  faqId?: string;
}

/** A group of questions asking the same thing. */
export interface GapCluster {
  id: string;
  department: string;
  count: number;
  /** The most central question. */
  representative: { text: string; language: Language };
  /** Up to five different questions, most central first. */
  examples: Array<{ text: string; language: Language }>;
  languages: Language[];
  /** How many were unanswered and how many rated unhelpful. */
  kinds: { unanswered: number; notHelpful: number };
  /** FAQ entries rated unhelpful for these questions. */
  faqIds: string[];
  firstAt: string;
  lastAt: string;
  /** Keys of the member questions (to mark them addressed). */
  keys: string[];
}

/** The stable key of a gap event. */
export function gapKey(event: UnansweredEvent | FeedbackEvent): string {
  const text = event.kind === 'unanswered' ? event.text : event.question;
  return createHash('sha256').update(`${event.kind}|${event.at}|${event.conversationId}|${text}`).digest('hex').slice(0, 16);
}

/** The gap questions among interaction events: unanswered, and answers rated unhelpful. */
export function gapQuestions(events: readonly InteractionEvent[]): GapQuestion[] {
  const result: GapQuestion[] = [];
  for (const e of events) {
    if (e.kind === 'unanswered') {
      result.push({ key: gapKey(e), kind: 'unanswered', text: e.text, language: e.language, department: e.department ?? UNASSIGNED, at: e.at });
    } else if (e.kind === 'feedback' && !e.helpful) {
      result.push({ key: gapKey(e), kind: 'not_helpful', text: e.question, language: e.language, department: e.department ?? UNASSIGNED, at: e.at, faqId: e.faqId });
    }
  }
  return result;
}

/** The terms of a question: normalised tokens without stop words, stemmed, without duplicates. */
export function gapTerms(text: string, language: Language): string[] {
  const terms = new Set<string>();
  for (const token of tokenize(text)) {
    if (STOP_WORDS.has(token) || (token.length < 2 && !/^\d+$/.test(token))) continue;
    const stemmed = stem(token, language);
    if (stemmed && !STOP_WORDS.has(stemmed)) terms.add(stemmed);
  }
  return [...terms];
}

/** Length of the character n-grams (taken inside each padded content word: "<jobrad>"). */
const CHAR_NGRAM = 4;
/** Share of the character n-grams in a question's similarity; the stemmed words have the rest. */
export const CHAR_SHARE = 0.3;

/**
 * The features of a question: its terms ({@link gapTerms}) and the character 4-grams of its content
 * words, which let compounds and inflections meet ("Elektroauto" ~ "E-Auto", "Antrag" ~ "beantragen").
 */
function gapFeatures(text: string, language: Language): { words: string[]; chars: string[] } {
  const chars = new Set<string>();
  for (const token of tokenize(text)) {
    if (STOP_WORDS.has(token) || token.length < 3) continue;
    const padded = `<${token}>`;
    for (let i = 0; i + CHAR_NGRAM <= padded.length; i++) chars.add(`c:${padded.slice(i, i + CHAR_NGRAM)}`);
  }
  return { words: gapTerms(text, language), chars: [...chars] };
}

type Vector = Map<string, number>;

function normalize(vector: Vector): Vector {
  let norm = 0;
  for (const v of vector.values()) norm += v * v;
  norm = Math.sqrt(norm);
  if (norm === 0) return vector;
  const result: Vector = new Map();
  for (const [k, v] of vector) result.set(k, v / norm);
  return result;
}

/** Cosine of two normalised vectors. */
function cosine(a: Vector, b: Vector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [k, v] of small) {
    const w = large.get(k);
    if (w !== undefined) dot += v * w;
  }
  return dot;
}

function add(target: Vector, vector: Vector): void {
  for (const [k, v] of vector) target.set(k, (target.get(k) ?? 0) + v);
}

interface Member {
  question: GapQuestion;
  vector: Vector;
}

/** Document frequencies of terms in a reference collection of employee questions. */
export interface TermBackground {
  documents: number;
  documentFrequency: ReadonlyMap<string, number>;
}

/**
 * The document frequencies of the terms of `texts` (e.g. every FAQ question and alternative
 * phrasing): words employees use for many different things ("Passwort", "beantragen", "vergessen")
 * then weigh less than those that name the thing ("Zeiterfassung", "Jobrad").
 */
export function termBackground(texts: ReadonlyArray<{ text: string; language: Language }>): TermBackground {
  const documentFrequency = new Map<string, number>();
  for (const { text, language } of texts) {
    const { words, chars } = gapFeatures(text, language);
    for (const term of [...words, ...chars]) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  }
  return { documents: texts.length, documentFrequency };
}

export interface ClusterOptions {
  /** Keys of questions already covered by a FAQ entry written from the dashboard; left out. */
  addressed?: ReadonlySet<string>;
  /** Default {@link CLUSTER_THRESHOLD}. */
  threshold?: number;
  /** Reference collection for the idf (see {@link termBackground}); without one the gap questions are. */
  background?: TermBackground;
}

/**
 * Clusters gap questions per department (see the module comment). `addressed` holds keys of
 * questions already covered by a FAQ entry written from the dashboard; they are left out.
 * Clusters are ordered by department, then by size (largest first), then by age.
 */
export function clusterGaps(questions: readonly GapQuestion[], options: ClusterOptions = {}): GapCluster[] {
  const threshold = options.threshold ?? CLUSTER_THRESHOLD;
  const open = questions
    .filter((q) => !options.addressed?.has(q.key))
    .map((q) => ({ question: q, ...gapFeatures(q.text, q.language) }))
    .filter((q) => q.words.length > 0);

  // The reference collection alone, when there is one: counted over the gaps themselves, the topic
  // word of a frequent gap ("Jira" asked 40 times) would weigh less than the words around it.
  let documentFrequency = options.background?.documentFrequency;
  let documents = options.background?.documents ?? 0;
  if (!documentFrequency) {
    const counted = new Map<string, number>();
    for (const { words, chars } of open) for (const term of [...words, ...chars]) counted.set(term, (counted.get(term) ?? 0) + 1);
    documentFrequency = counted;
    documents = open.length;
  }
  const idf = (term: string) => Math.log((1 + documents) / (1 + (documentFrequency!.get(term) ?? 0))) + 1;
  // Two blocks, each of unit length, scaled so that cosine = 0.7 · word cosine + 0.3 · character cosine.
  const block = (terms: string[], share: number): Vector => {
    const vector = normalize(new Map(terms.map((t) => [t, idf(t) ** 2 * (GENERIC_STEMS.has(t) ? GENERIC_WEIGHT : 1)])));
    for (const [k, v] of vector) vector.set(k, v * Math.sqrt(share));
    return vector;
  };

  const byDepartment = new Map<string, Member[]>();
  for (const { question, words, chars } of open) {
    const members = byDepartment.get(question.department) ?? [];
    const vector = block(words, chars.length > 0 ? 1 - CHAR_SHARE : 1);
    if (chars.length > 0) for (const [k, v] of block(chars, CHAR_SHARE)) vector.set(k, v);
    members.push({ question, vector });
    byDepartment.set(question.department, members);
  }

  const clusters: GapCluster[] = [];
  for (const department of [...byDepartment.keys()].sort()) {
    const members = byDepartment.get(department)!.sort((a, b) => a.question.at.localeCompare(b.question.at) || a.question.key.localeCompare(b.question.key));
    // Greedy assignment to the most similar centroid.
    let groups: Array<{ members: Member[]; sum: Vector; centroid: Vector }> = [];
    for (const member of members) {
      let best: (typeof groups)[number] | undefined;
      let bestScore = -1;
      for (const group of groups) {
        const score = cosine(member.vector, group.centroid);
        if (score > bestScore) {
          best = group;
          bestScore = score;
        }
      }
      if (best && bestScore >= threshold) {
        best.members.push(member);
        add(best.sum, member.vector);
        best.centroid = normalize(best.sum);
      } else {
        const sum: Vector = new Map(member.vector);
        groups.push({ members: [member], sum, centroid: normalize(sum) });
      }
    }
    // Merge clusters whose centroids are as similar as a question must be to join one.
    for (;;) {
      let pair: [number, number] | undefined;
      let bestScore = threshold;
      for (let i = 0; i < groups.length; i++) {
        for (let j = i + 1; j < groups.length; j++) {
          const score = cosine(groups[i].centroid, groups[j].centroid);
          if (score >= bestScore) {
            pair = [i, j];
            bestScore = score;
          }
        }
      }
      if (!pair) break;
      const [i, j] = pair;
      groups[i].members.push(...groups[j].members);
      add(groups[i].sum, groups[j].sum);
      groups[i].centroid = normalize(groups[i].sum);
      groups = groups.filter((_, index) => index !== j);
    }
    for (const group of groups) clusters.push(describe(department, group.members));
  }
  return clusters.sort((a, b) => a.department.localeCompare(b.department) || b.count - a.count || a.firstAt.localeCompare(b.firstAt));
}

function describe(department: string, members: Member[]): GapCluster {
  const ordered = [...members].sort((a, b) => a.question.at.localeCompare(b.question.at) || a.question.key.localeCompare(b.question.key));
  const centrality = new Map<Member, number>();
  for (const m of members) {
    let total = 0;
    for (const other of members) if (other !== m) total += cosine(m.vector, other.vector);
    centrality.set(m, members.length > 1 ? total / (members.length - 1) : 1);
  }
  const byCentrality = [...members].sort(
    (a, b) => centrality.get(b)! - centrality.get(a)! || a.question.text.length - b.question.text.length || a.question.at.localeCompare(b.question.at)
  );
  const examples: Array<{ text: string; language: Language }> = [];
  const seen = new Set<string>();
  for (const m of byCentrality) {
    const normalized = tokenize(m.question.text).join(' ');
    if (seen.has(normalized)) continue;
    seen.add(normalized);
    examples.push({ text: m.question.text, language: m.question.language });
    if (examples.length === MAX_EXAMPLES) break;
  }
  const founder = ordered[0].question;
  return {
    id: createHash('sha256').update(`${department}|${founder.key}`).digest('hex').slice(0, 12),
    department,
    count: members.length,
    representative: { text: byCentrality[0].question.text, language: byCentrality[0].question.language },
    examples,
    languages: [...new Set(members.map((m) => m.question.language))].sort(),
    kinds: {
      unanswered: members.filter((m) => m.question.kind === 'unanswered').length,
      notHelpful: members.filter((m) => m.question.kind === 'not_helpful').length
    },
    faqIds: [...new Set(members.map((m) => m.question.faqId).filter((id): id is string => !!id))].sort(),
    firstAt: founder.at,
    lastAt: ordered[ordered.length - 1].question.at,
    keys: ordered.map((m) => m.question.key)
  };
}
