import type { DirectLineActivity, DirectLineConversation } from './types';

/** A stored activity with the watermark it was given. */
export interface AppendedActivity {
  activity: DirectLineActivity;
  watermark: number;
}

/**
 * Where Direct Line conversations and their activities live. Every instance behind a load balancer
 * must see the same store, so that any instance can answer any client; the lowdb default suits one
 * instance (or a shared volume with one writer).
 */
export interface DirectLineStore {
  /** Creates the conversation unless one with its id exists; `created` tells which happened. */
  createConversation(conversation: DirectLineConversation): Promise<{ conversation: DirectLineConversation; created: boolean }>;
  getConversation(id: string): Promise<DirectLineConversation | undefined>;
  /**
   * Appends an activity and gives it the next watermark and the id `<conversationId>|<watermark>`;
   * undefined when the conversation does not exist.
   */
  appendActivity(conversationId: string, activity: DirectLineActivity): Promise<AppendedActivity | undefined>;
  /**
   * The stored activities after `watermark` (0: from the start), oldest first, and the watermark to
   * continue from; undefined when the conversation does not exist.
   */
  activitiesAfter(conversationId: string, watermark: number): Promise<{ activities: DirectLineActivity[]; watermark: number } | undefined>;
  /** Removes the conversations created or last written to before `cutoff`; resolves with how many. */
  deleteInactiveSince(cutoff: Date): Promise<number>;
}

/** The id Direct Line gives the activity with this watermark, e.g. `abc|0000007`. */
export function activityIdFor(conversationId: string, watermark: number): string {
  return `${conversationId}|${String(watermark).padStart(7, '0')}`;
}

/** Whether `id` is one {@link activityIdFor} gives an activity of this conversation. */
export function isActivityIdOf(conversationId: string, id: string): boolean {
  return id.startsWith(`${conversationId}|`) && /^\d+$/.test(id.slice(conversationId.length + 1));
}
