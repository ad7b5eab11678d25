import type { DirectLineActivity, DirectLineConversation } from './types';

/** A stored activity with the watermark it was given. */
export interface AppendedActivity {
  activity: DirectLineActivity;
  watermark: number;
}

/**
 * Where Direct Line conversations and their activities live. Every instance behind a load balancer
 * must see the same store, so that any instance can answer any client; the default
 * (FileDirectLineStore) suits one instance (or a shared volume with one writer).
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
   * continue from; undefined when the conversation does not exist. One answer holds at most about
   * `maxPageBytes` of activities (at least one): then the watermark is that of the last one in it,
   * and the client asks again from there, so that no read costs more than a page, however much a
   * client made the conversation hold.
   */
  activitiesAfter(conversationId: string, watermark: number): Promise<{ activities: DirectLineActivity[]; watermark: number } | undefined>;
  /** Removes the conversations created or last written to before `cutoff`; resolves with how many. */
  deleteInactiveSince(cutoff: Date): Promise<number>;
}

/** The id Direct Line gives the activity with this watermark, e.g. `abc|0000007`. */
export function activityIdFor(conversationId: string, watermark: number): string {
  return `${conversationId}|${String(watermark).padStart(7, '0')}`;
}

/** How many bytes of activities one read returns at most (see {@link DirectLineStore.activitiesAfter}). */
export const DEFAULT_PAGE_BYTES = 1024 * 1024;

/**
 * The first page of `entries` (oldest first, each with its size in bytes): as many as fit into
 * `maxBytes`, at least one. `after`: the watermark they follow; `last`: the conversation's newest.
 */
export function pageOf(entries: ReadonlyArray<{ watermark: number; bytes: number; activity: DirectLineActivity }>, after: number, last: number, maxBytes: number) {
  const activities: DirectLineActivity[] = [];
  let bytes = 0;
  for (const [index, entry] of entries.entries()) {
    bytes += entry.bytes;
    if (index > 0 && bytes > maxBytes) return { activities, watermark: entries[index - 1].watermark };
    activities.push(entry.activity);
  }
  return { activities, watermark: Math.max(after, last) };
}

/** Whether `id` is one {@link activityIdFor} gives an activity of this conversation. */
export function isActivityIdOf(conversationId: string, id: string): boolean {
  return id.startsWith(`${conversationId}|`) && /^\d+$/.test(id.slice(conversationId.length + 1));
}
