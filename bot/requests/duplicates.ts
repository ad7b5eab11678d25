import type { Language } from '../content/schema';
import { normalizeText, stem } from '../nlu/textNormalize';
import type { ServiceRequest } from './serviceRequest';

/** Subjects at least this similar (Jaccard over stems) are taken for the same matter. */
const SAME_MATTER = 0.5;

function stems(text: string, language: Language): Set<string> {
  return new Set(
    normalizeText(text)
      .split(' ')
      .filter((w) => w.length > 2)
      .map((w) => stem(w, language))
  );
}

/** Jaccard similarity of two texts' word stems, in [0,1]. */
export function subjectSimilarity(a: string, b: string, language: Language): number {
  const x = stems(a, language);
  const y = stems(b, language);
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const s of x) if (y.has(s)) shared += 1;
  return shared / (x.size + y.size - shared);
}

/**
 * The employee's still-open request that a new one most likely repeats: same department and a
 * similar subject. Tasks of multi-department requests are left out (their cases are compared by
 * {@link sameCase}).
 */
export function findDuplicateRequest(
  open: readonly ServiceRequest[],
  candidate: { department: string; subject: string; language: Language }
): ServiceRequest | undefined {
  return open
    .filter((r) => !r.caseId && r.department === candidate.department && (r.status === 'open' || r.status === 'in_progress'))
    .map((r) => ({ r, similarity: subjectSimilarity(r.subject, candidate.subject, candidate.language) }))
    .filter(({ similarity }) => similarity >= SAME_MATTER)
    .sort((a, b) => b.similarity - a.similarity)[0]?.r;
}

/** True when two value-stream requests are for the same person and type (e.g. onboarding "Max Muster"). */
export function sameCase(a: { streamId: string; details: Record<string, string> }, b: { streamId: string; details: Record<string, string> }): boolean {
  const name = (details: Record<string, string>) => normalizeText(details.name ?? '');
  return a.streamId === b.streamId && name(a.details) !== '' && name(a.details) === name(b.details);
}
