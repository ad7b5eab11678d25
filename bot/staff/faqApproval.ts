import { randomUUID } from 'node:crypto';
import type { FaqDraft, FaqDraftStore } from '../content/faqDrafts';
import type { LiveKnowledge } from '../content/liveKnowledge';
import type { FaqEntry, Language } from '../content/schema';
import type { StaffUser } from './staffAccounts';
import type { Clock } from '../clock';

/** Why a FAQ draft cannot be approved: the HTTP status and a German message for the console. */
export class FaqApprovalError extends Error {
  constructor(
    readonly status: 403 | 404 | 409,
    message: string
  ) {
    super(message);
  }
}

export interface FaqApprovalDependencies {
  drafts: FaqDraftStore;
  liveKnowledge: LiveKnowledge;
  now: Clock;
}

/** The approved entry in both languages, as the approve route answers it. */
export interface ApprovedFaqEntry {
  id: string;
  de: FaqEntry;
  en: FaqEntry;
}

/**
 * Approves a FAQ draft: checks that the user may (leads and admins; leads only their department's
 * drafts; not twice), adds the entry in both languages to the live knowledge (which retrains the
 * recognizer, so the bot answers it at once) and marks the draft approved. Used by the console's
 * approve route and by the dashboard's one-step "FAQ entry for a knowledge gap".
 * @param annotate further changes to the draft in the same write (e.g. the knowledge-gap cluster id).
 * @throws FaqApprovalError (403, 404, 409); ContentError when the entry is invalid or clashes.
 */
export async function approveFaqDraft(
  deps: FaqApprovalDependencies,
  draftId: string,
  user: StaffUser,
  annotate?: (draft: FaqDraft) => void
): Promise<{ draft: FaqDraft; entry: ApprovedFaqEntry }> {
  if (user.role === 'agent') throw new FaqApprovalError(403, 'Nur Teamleitungen können FAQ-Einträge freigeben.');
  const draft = await deps.drafts.get(draftId);
  if (!draft) throw new FaqApprovalError(404, 'Entwurf nicht gefunden.');
  if (draft.department !== user.department && user.role !== 'admin') throw new FaqApprovalError(403, 'Dieser Entwurf gehört zu einer anderen Abteilung.');
  if (draft.status === 'approved') throw new FaqApprovalError(409, 'Der Entwurf ist bereits freigegeben.');
  const id = `${draft.department}-staff-${randomUUID().slice(0, 8)}`;
  const entry = (language: Language): FaqEntry => ({
    id,
    department: draft.department,
    question: draft[language].question,
    alternatives: draft[language].alternatives.length > 0 ? draft[language].alternatives : [draft[language].question],
    keywords: draft.keywords,
    answer: draft[language].answer,
    links: [],
    alwaysHuman: false
  });
  await deps.liveKnowledge.add({ de: entry('de'), en: entry('en') });
  const updated = await deps.drafts.update(draft.id, (d) => {
    d.status = 'approved';
    d.approvedBy = user.name;
    d.approvedAt = deps.now().toISOString();
    d.entryId = id;
    annotate?.(d);
  });
  return { draft: updated, entry: { id, de: entry('de'), en: entry('en') } };
}
