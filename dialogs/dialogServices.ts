import { TurnContext, type StatePropertyAccessor } from 'botbuilder';
import type { InteractionLog } from '../bot/analytics/interactionLog';
import type { KnowledgeBase } from '../bot/content/knowledgeBase';
import type { HandoffService } from '../bot/handoff/handoffService';
import type { CaseProgress, CaseService } from '../bot/valueStreams/caseService';
import { legacyUserOf, userKeyOf } from '../bot/channels/userKey';
import type { MessageRecognizer } from '../bot/nlu/recognizer';
import type { RequestStore, Requester, ServiceRequest, TranscriptLine } from '../bot/requests/serviceRequest';

/** What the dialogs need from the rest of the bot; built in the composition root. */
export interface DialogServices {
  knowledge: KnowledgeBase;
  recognizer: MessageRecognizer;
  requests: RequestStore;
  handoff: HandoffService;
  /** Multi-department requests (value streams). */
  cases: CaseService;
  /** Where the bot records questions, feedback and what it could not answer. */
  interactions: InteractionLog;
  /** The clock of the interaction records. */
  now: () => Date;
  /** Emit Bot Framework handoff protocol events (handoff.initiate) for an external agent hub. */
  handoffEvents: boolean;
  /** The recent conversation, attached to requests so staff need not ask again. */
  transcript: StatePropertyAccessor<TranscriptLine[]>;
}

/** The fields every interaction event shares, for the current turn. */
export function interactionBase(context: TurnContext, services: Pick<DialogServices, 'now'>) {
  const { userId, conversationId } = requesterOf(context);
  return { at: services.now().toISOString(), conversationId, userId };
}

/**
 * Who is writing in this turn, and where to reach them again. The user id is the user's key
 * (bot/channels/userKey.ts); the name is the channel's (for web chat the one the Direct Line token vouches for).
 */
export function requesterOf(context: TurnContext): Requester {
  const { from, conversation, channelId } = context.activity;
  return {
    userId: userKeyOf(context),
    name: from.name || undefined,
    channelId,
    conversationId: conversation.id,
    reference: TurnContext.getConversationReference(context.activity)
  };
}

/** The employee's requests, newest first: by user key, and those stored under the id earlier versions used. */
export async function requestsOfRequester(context: TurnContext, services: Pick<DialogServices, 'requests'>): Promise<ServiceRequest[]> {
  const legacy = legacyUserOf(context);
  const mine = await services.requests.listByRequester(userKeyOf(context));
  if (!legacy) return mine;
  const earlier = (await services.requests.listByRequester(legacy.requesterId)).filter((r) => legacy.owns(r.requester));
  return [...mine, ...earlier].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** The employee's cases, newest first, read like {@link requestsOfRequester}. */
export async function casesOfRequester(context: TurnContext, services: Pick<DialogServices, 'cases'>): Promise<CaseProgress[]> {
  const legacy = legacyUserOf(context);
  const mine = await services.cases.listForRequester(userKeyOf(context));
  if (!legacy) return mine;
  const earlier = (await services.cases.listForRequester(legacy.requesterId)).filter((p) => legacy.owns(p.case.requester));
  return [...mine, ...earlier].sort((a, b) => b.case.createdAt.localeCompare(a.case.createdAt));
}
