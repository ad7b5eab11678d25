import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the bot made to the connector at the activity's serviceUrl. */
export interface ConnectorCall {
  method: string;
  path: string;
  body: any;
}

/**
 * A local stand-in for the Teams Bot Connector service on 127.0.0.1: records what the bot sends to
 * `/v3/conversations/:id/activities[/:replyToId]` and answers with a ResourceResponse.
 */
export class RecordingConnector {
  readonly calls: ConnectorCall[] = [];
  url = '';
  private readonly server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      this.calls.push({ method: req.method ?? '', path: decodeURIComponent(req.url ?? ''), body: raw ? JSON.parse(raw) : undefined });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `sent-${this.calls.length}` }));
    });
  });

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** The message activities sent so far (typing indicators left out). */
  messages(): any[] {
    return this.calls.filter((c) => c.method === 'POST' && c.body?.type === 'message').map((c) => c.body);
  }

  clear(): void {
    this.calls.length = 0;
  }
}
