import { ActivityTypes, EventFactory, type Activity, type TurnContext } from 'botbuilder';
import type { ServiceRequest } from '../bot/requests/serviceRequest';

/** Bot Framework handoff protocol event names. */
export const HANDOFF_INITIATE = 'handoff.initiate';
export const HANDOFF_STATUS = 'handoff.status';

export type HandoffState = 'accepted' | 'failed' | 'completed';

/**
 * The `handoff.initiate` event for an agent hub, with the conversation so far as transcript
 * attachment and the department and request number as handoff context.
 */
export function handoffInitiation(context: TurnContext, request: ServiceRequest): Partial<Activity> {
  const activities = request.transcript.map((line) => ({
    type: ActivityTypes.Message,
    text: line.text,
    timestamp: new Date(line.at),
    from: line.from === 'user' ? context.activity.from : context.activity.recipient,
    conversation: context.activity.conversation
  })) as Activity[];
  return EventFactory.createHandoffInitiation(
    context,
    { department: request.department, skill: request.department, requestNumber: request.number, requestId: request.id, language: request.language },
    { activities }
  );
}

/** The state of a `handoff.status` event, or null when the activity is none. */
export function handoffStatusOf(activity: Partial<Activity>): { state: HandoffState; message?: string } | null {
  if (activity.type !== ActivityTypes.Event || activity.name !== HANDOFF_STATUS) return null;
  const value = activity.value as { state?: unknown; message?: unknown } | undefined;
  const state = value?.state;
  if (state !== 'accepted' && state !== 'failed' && state !== 'completed') return null;
  return { state, message: typeof value?.message === 'string' ? value.message : undefined };
}
