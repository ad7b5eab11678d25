import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the bot made to the connector. */
export interface ConnectorCall {
  method: string;
  path: string;
  body: any;
}

/**
 * A local stand-in for the Bot Connector service (Web Chat, Teams, ...) on 127.0.0.1: records every
 * activity the bot sends to the `serviceUrl` of a conversation (replies and proactive messages, at
 * `/v3/conversations/:id/activities[/:replyToId]`) and answers like the real one.
 */
export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  private server = http.createServer((req, res) => this.handle(req, res));
  private waiters: Array<() => void> = [];
  url = '';

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  /** The activities (messages and events) sent to one conversation, in order. */
  activities(conversationId?: string): any[] {
    return this.calls
      .filter((c) => c.method === 'POST' && /\/v3\/conversations\/[^/]+\/activities/.test(c.path))
      .filter((c) => !conversationId || c.path.includes(`/conversations/${conversationId}/`))
      .map((c) => c.body);
  }

  /** The message activities sent to one conversation (or all), in order: typing indicators and events left out. */
  messages(conversationId?: string): any[] {
    return this.activities(conversationId).filter((a) => a.type === 'message');
  }

  /** The texts of the message activities sent to a conversation. */
  texts(conversationId?: string): string[] {
    return this.messages(conversationId).map((a) => a.text ?? '');
  }

  /** Forgets the calls recorded so far, so that a test sees only what comes next. */
  clear(): void {
    this.calls.length = 0;
  }

  /** Waits until `predicate` holds for the recorded calls, or fails after `timeoutMs`. */
  async waitFor(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`FakeConnector: condition not met within ${timeoutMs} ms; calls: ${JSON.stringify(this.calls.map((c) => c.path))}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      let body: unknown = undefined;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        body = raw;
      }
      this.calls.push({ method: req.method ?? '', path: decodeURIComponent(req.url ?? ''), body });
      this.waiters.splice(0).forEach((wake) => wake());
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `fake-${this.calls.length}` }));
    });
  }
}
