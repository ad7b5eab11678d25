import { TurnContext, type StatePropertyAccessor } from 'botbuilder';
import type { InteractionLog } from '../bot/analytics/interactionLog';
import type { KnowledgeBase } from '../bot/content/knowledgeBase';
import type { HandoffService } from '../bot/handoff/handoffService';
import type { CaseService } from '../bot/valueStreams/caseService';
import type { MessageRecognizer } from '../bot/nlu/recognizer';
import type { RequestStore, Requester, TranscriptLine } from '../bot/requests/serviceRequest';

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

/** Who is writing in this turn, and where to reach them again. */
export function requesterOf(context: TurnContext): Requester {
  const { from, conversation, channelId } = context.activity;
  return {
    userId: from.aadObjectId ?? from.id,
    name: from.name || undefined,
    channelId,
    conversationId: conversation.id,
    reference: TurnContext.getConversationReference(context.activity)
  };
}
