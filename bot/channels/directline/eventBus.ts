import type { ActivitySet } from './types';

/**
 * Live delivery of new activities to the WebSocket streams of a conversation. The stream may be
 * connected to another instance than the one that stored the activity, so several instances need a
 * shared implementation (e.g. Redis or PostgreSQL pub/sub); the default works inside one process.
 */
export interface DirectLineEventBus {
  publish(conversationId: string, set: ActivitySet): Promise<void>;
  /** Calls `listener` for every later set of this conversation; returns the function that unsubscribes. */
  subscribe(conversationId: string, listener: (set: ActivitySet) => void): () => void;
}

/** A {@link DirectLineEventBus} inside one process. A failing listener does not stop the others. */
export class InProcessDirectLineEventBus implements DirectLineEventBus {
  private readonly topics = new Map<string, Set<(set: ActivitySet) => void>>();

  constructor(private readonly onListenerError: (error: unknown) => void = () => undefined) {}

  async publish(conversationId: string, set: ActivitySet): Promise<void> {
    for (const listener of [...(this.topics.get(conversationId) ?? [])]) {
      try {
        listener(set);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  subscribe(conversationId: string, listener: (set: ActivitySet) => void): () => void {
    const listeners = this.topics.get(conversationId) ?? new Set();
    listeners.add(listener);
    this.topics.set(conversationId, listeners);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && this.topics.get(conversationId) === listeners) this.topics.delete(conversationId);
    };
  }
}
