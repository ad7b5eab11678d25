import { activityIdFor, DEFAULT_PAGE_BYTES, pageOf, type AppendedActivity, type DirectLineStore } from './directLineStore';
import type { DirectLineActivity, DirectLineConversation } from './types';
import type { Clock } from '../../clock';

interface ConversationRecord {
  conversation: DirectLineConversation;
  next: number;
  activities: AppendedActivity[];
  /** The clock's time of the last write, in ms. */
  touchedAt: number;
}

/** A {@link DirectLineStore} in memory, for tests and throw-away demos; keeps the newest `maxActivities`. */
export class MemoryDirectLineStore implements DirectLineStore {
  private readonly conversations = new Map<string, ConversationRecord>();

  constructor(
    private readonly now: Clock,
    private readonly maxActivities = 500,
    private readonly maxPageBytes = DEFAULT_PAGE_BYTES
  ) {}

  async createConversation(conversation: DirectLineConversation) {
    const existing = this.conversations.get(conversation.id);
    if (existing) return { conversation: structuredClone(existing.conversation), created: false };
    this.conversations.set(conversation.id, { conversation: structuredClone(conversation), next: 1, activities: [], touchedAt: this.now().getTime() });
    return { conversation: structuredClone(conversation), created: true };
  }

  async getConversation(id: string) {
    const record = this.conversations.get(id);
    return record ? structuredClone(record.conversation) : undefined;
  }

  async appendActivity(conversationId: string, activity: DirectLineActivity) {
    const record = this.conversations.get(conversationId);
    if (!record) return undefined;
    const watermark = record.next++;
    const stored = { activity: { ...structuredClone(activity), id: activityIdFor(conversationId, watermark) }, watermark };
    record.activities.push(stored);
    record.touchedAt = this.now().getTime();
    if (record.activities.length > this.maxActivities) record.activities.splice(0, record.activities.length - this.maxActivities);
    return structuredClone(stored);
  }

  async activitiesAfter(conversationId: string, watermark: number) {
    const record = this.conversations.get(conversationId);
    if (!record) return undefined;
    const entries = record.activities
      .filter((a) => a.watermark > watermark)
      .map((a) => ({ watermark: a.watermark, bytes: JSON.stringify(a.activity).length, activity: structuredClone(a.activity) }));
    return pageOf(entries, watermark, record.next - 1, this.maxPageBytes);
  }

  async deleteInactiveSince(cutoff: Date): Promise<number> {
    let deleted = 0;
    for (const [id, record] of this.conversations) {
      if (record.touchedAt < cutoff.getTime() && this.conversations.delete(id)) deleted++;
    }
    return deleted;
  }
}
