import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import type { DirectLineChannel } from './directLineChannel';
import { DIRECT_LINE_PATH, watermarkOf } from './directLineRoutes';
import type { DirectLineEventBus } from './eventBus';
import type { DirectLineTokens } from './tokens';
import { DirectLineError, type ActivitySet } from './types';

export interface DirectLineStreamDependencies {
  channel: DirectLineChannel;
  bus: DirectLineEventBus;
  tokens: DirectLineTokens;
  logger: Logger;
  /** How often the server pings each socket; one without a pong by the next ping is closed. */
  pingIntervalMs?: number;
}

const STREAM_PATH = new RegExp(`^${DIRECT_LINE_PATH}/conversations/([^/]+)/stream$`);

/**
 * Direct Line's WebSocket stream: on connect it sends what the conversation holds after the URL's
 * watermark, then every new ActivitySet published for the conversation on the event bus.
 */
export class DirectLineStreams {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sockets = new Set<WebSocket>();

  constructor(private readonly deps: DirectLineStreamDependencies) {}

  /** Handles WebSocket upgrades of the stream path on `server`. */
  attach(server: HttpServer): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const match = STREAM_PATH.exec(url.pathname);
      if (!match) {
        if (server.listenerCount('upgrade') === 1) refuse(socket, 404);
        return;
      }
      this.accept(req, socket, head, decodeURIComponent(match[1]), url.searchParams).catch((error) => {
        if (!(error instanceof DirectLineError)) this.deps.logger.error({ err: error }, 'Direct Line stream failed');
        refuse(socket, error instanceof DirectLineError ? error.status : 500);
      });
    });
  }

  /** Closes every open stream (the HTTP server waits for them otherwise). */
  closeAll(): void {
    for (const socket of this.sockets) socket.terminate();
  }

  private async accept(req: IncomingMessage, socket: Duplex, head: Buffer, conversationId: string, query: URLSearchParams): Promise<void> {
    this.deps.tokens.verifyStreamToken(query.get('t') ?? '', conversationId);
    const watermark = watermarkOf(query.get('watermark') ?? '');
    await this.deps.channel.conversation(conversationId);
    this.wss.handleUpgrade(req, socket, head, (ws) => this.serve(ws, conversationId, watermark));
  }

  private serve(ws: WebSocket, conversationId: string, from: number): void {
    this.sockets.add(ws);
    let sent = from;
    let queue = Promise.resolve();
    const send = (set: ActivitySet) => {
      if (ws.readyState === ws.OPEN && set.activities.length > 0) ws.send(JSON.stringify(set));
    };
    // Stored activities go out one after another and in watermark order: the next one is sent as
    // published, a gap (published out of order, or before the socket was ready) is read from the store.
    const enqueue = (task: () => Promise<void>) =>
      (queue = queue.then(task).catch((error) => this.deps.logger.warn({ err: error, conversation: conversationId }, 'Direct Line stream could not catch up')));
    const catchUp = async () => {
      const set = await this.deps.channel.activitiesAfter(conversationId, sent);
      sent = Number(set.watermark);
      send(set);
    };
    const unsubscribe = this.deps.bus.subscribe(conversationId, (set) => {
      if (set.watermark === undefined) return send(set);
      const watermark = Number(set.watermark);
      enqueue(async () => {
        if (watermark === sent + 1) {
          sent = watermark;
          send(set);
        } else if (watermark > sent) await catchUp();
      });
    });
    enqueue(catchUp);

    let alive = true;
    ws.on('pong', () => (alive = true));
    const ping = setInterval(() => {
      if (!alive) return ws.terminate();
      alive = false;
      ws.ping();
    }, this.deps.pingIntervalMs ?? 30_000);
    // Clients ping with empty messages; there is nothing else to read.
    ws.on('message', () => undefined);
    ws.on('error', (error) => this.deps.logger.debug({ err: error, conversation: conversationId }, 'Direct Line stream error'));
    ws.on('close', () => {
      clearInterval(ping);
      unsubscribe();
      this.sockets.delete(ws);
    });
  }
}

function refuse(socket: Duplex, status: number): void {
  const reason = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' }[status] ?? 'Error';
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
