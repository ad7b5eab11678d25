import path from 'node:path';
import { DirectLine, type Activity, type DirectLineOptions } from 'botframework-directlinejs';
import WebSocket from 'ws';

interface AjaxRequest {
  url: string;
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * rxjs' ajax for botframework-directlinejs in Node, on fetch (the library uses XMLHttpRequest in
 * browsers). It must build Observables of the library's own rxjs 5 copy, which carries its operators.
 */
export function fetchAjax() {
  const rxjsPath = require.resolve('rxjs/Observable', { paths: [path.dirname(require.resolve('botframework-directlinejs'))] });
  const { Observable } = require(rxjsPath);
  return (request: AjaxRequest) =>
    Observable.create((subscriber: { next(v: unknown): void; complete(): void; error(e: unknown): void }) => {
      const controller = new AbortController();
      const body = request.body === undefined || typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
      fetch(request.url, { method: request.method ?? 'GET', headers: request.headers, body: body as string | undefined, signal: controller.signal }).then(
        async (response) => {
          const text = await response.text();
          const json = text ? JSON.parse(text) : null;
          if (response.ok) {
            subscriber.next({ status: response.status, response: json });
            subscriber.complete();
          } else subscriber.error({ status: response.status, response: json, xhr: { getResponseHeader: (name: string) => response.headers.get(name) } });
        },
        (error) => subscriber.error({ status: 0, error })
      );
      return () => controller.abort();
    });
}

/** A botframework-directlinejs client against our endpoint, with what it needs in Node. */
export function directLineClient(baseUrl: string, options: DirectLineOptions): DirectLine {
  if (options.webSocket) {
    // The library checks for a global WebSocket before it uses the one it is given.
    (globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;
  }
  return new DirectLine({ domain: `${baseUrl}/v3/directline`, pollingInterval: 200, ...options, ajax: fetchAjax() as never, WebSocket: WebSocket as never });
}

/** Collects what a client receives and waits for activities that match. */
export class Received {
  readonly activities: Activity[] = [];
  private readonly subscription: { unsubscribe(): void };

  constructor(client: DirectLine) {
    this.subscription = client.activity$.subscribe((activity) => this.activities.push(activity));
  }

  /** The texts of the bot's messages so far. */
  botTexts(): string[] {
    return this.activities.filter((a) => a.type === 'message' && a.from.role === 'bot').map((a) => (a as { text?: string }).text ?? '');
  }

  async waitFor(predicate: (activities: Activity[]) => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.activities)) {
      if (Date.now() > deadline) throw new Error(`no matching activity within ${timeoutMs} ms; received ${JSON.stringify(this.activities.map((a) => [a.type, (a as { text?: string }).text?.slice(0, 40)]))}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  stop(): void {
    this.subscription.unsubscribe();
  }
}

/** Posts through the client and resolves with the activity id the server gave. */
export function post(client: DirectLine, activity: Record<string, unknown>): Promise<string> {
  return new Promise((resolve, reject) => {
    client.postActivity({ from: { id: 'ignored-by-server' }, ...activity } as never).subscribe({ next: resolve, error: reject });
  });
}
