/**
 * Publish/subscribe for events that every part of the bot may need to hear about (request changes
 * for the staff console and the employee notifications). The default lives in this process; several
 * instances behind a load balancer need a shared implementation (e.g. PostgreSQL LISTEN/NOTIFY).
 */
export interface EventBus<T> {
  publish(event: T): void;
  /** Calls `listener` for every later event; returns the function that unsubscribes. */
  subscribe(listener: (event: T) => void): () => void;
}

/** An {@link EventBus} inside one process. A failing listener does not stop the others. */
export class InProcessEventBus<T> implements EventBus<T> {
  private readonly listeners = new Set<(event: T) => void>();

  constructor(private readonly onListenerError: (error: unknown) => void = () => undefined) {}

  publish(event: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  subscribe(listener: (event: T) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
