import { STATUS_CODES, type IncomingMessage, type Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import type { DirectLineChannel } from './directLineChannel';
import { DIRECT_LINE_PATH, watermarkOf } from './directLineRoutes';
import type { DirectLineEventBus } from './eventBus';
import type { DirectLineTokens } from './tokens';
import type { UsedStreamTokens } from './usedStreamTokens';
import { DirectLineError, type ActivitySet } from './types';

export interface DirectLineStreamDependencies {
  channel: DirectLineChannel;
  bus: DirectLineEventBus;
  tokens: DirectLineTokens;
  /** Remembers which stream tokens were used: each opens one stream only. */
  usedStreamTokens: UsedStreamTokens;
  /** Open streams one conversation may have on this instance (browser tabs of one employee). */
  maxStreamsPerConversation: number;
  /**
   * Open streams one client address may have on this instance (0: no limit): every employee behind
   * a NAT address holds one while the widget is open, so this is generous; it stops one client from
   * holding the process's file handles with the streams of ever new conversations.
   */
  maxStreamsPerAddress: number;
  /** The client's address (X-Forwarded-For only from trusted proxies). */
  clientAddress: (req: IncomingMessage) => string;
  logger: Logger;
  /** How often the server pings each socket; one without a pong by the next ping is closed. */
  pingIntervalMs?: number;
}

const STREAM_PATH = new RegExp(`^${DIRECT_LINE_PATH}/conversations/([^/]+)/stream$`);
/** Clients send nothing but empty keep-alive messages; anything larger is refused by ws. */
const MAX_CLIENT_MESSAGE_BYTES = 4096;

/**
 * Direct Line's WebSocket stream: on connect it sends what the conversation holds after the URL's
 * watermark, then every new ActivitySet published for the conversation on the event bus.
 */
export class DirectLineStreams {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_MESSAGE_BYTES });
  private readonly sockets = new Set<WebSocket>();
  /** Open (or opening) streams per conversation and per client address. */
  private readonly perConversation = new OpenCounts();
  private readonly perAddress = new OpenCounts();

  constructor(private readonly deps: DirectLineStreamDependencies) {}

  /**
   * Handles every WebSocket upgrade on `server`: the stream path opens a stream, any other request
   * is answered and closed. Nothing here throws: an upgrade listener that throws ends the process.
   */
  attach(server: HttpServer): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      // Node's HTTP server stops listening for errors on an upgraded socket; a reset must not crash.
      socket.on('error', (error) => this.deps.logger.debug({ err: error }, 'Direct Line stream socket error'));
      this.upgrade(req, socket, head).catch((error) => {
        if (!(error instanceof DirectLineError)) this.deps.logger.error({ err: error }, 'Direct Line stream failed');
        refuse(socket, error instanceof DirectLineError ? error.status : 500);
      });
    });
  }

  /** Closes every open stream (the HTTP server waits for them otherwise). */
  closeAll(): void {
    for (const socket of this.sockets) socket.terminate();
  }

  private async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const { conversationId, query } = streamTargetOf(req.url);
    const stream = this.deps.tokens.verifyStreamToken(query.get('t') ?? '', conversationId);
    const watermark = watermarkOf(query.get('watermark') ?? '');
    await this.deps.channel.conversation(conversationId);
    const address = this.deps.clientAddress(req);
    // Slots are taken before the next await, so that parallel upgrades cannot pass a cap together.
    if (!this.perConversation.take(conversationId, this.deps.maxStreamsPerConversation)) {
      throw new DirectLineError(429, 'TooManyRequests', 'This conversation has too many open streams.');
    }
    if (!this.perAddress.take(address, this.deps.maxStreamsPerAddress)) {
      this.perConversation.release(conversationId);
      throw new DirectLineError(429, 'TooManyRequests', 'Too many open streams from this address.');
    }
    const release = () => {
      this.perConversation.release(conversationId);
      this.perAddress.release(address);
    };
    let served = false;
    try {
      if (!(await this.deps.usedStreamTokens.markUsed(stream.id, stream.expiresAt))) {
        throw new DirectLineError(403, 'TokenUsed', 'The stream URL was used already; reconnect for a new one.');
      }
      if (socket.destroyed) return;
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        served = true;
        this.serve(ws, conversationId, watermark, release);
      });
    } finally {
      // handleUpgrade calls back at once unless it refuses the handshake; without a stream the slots are free again.
      if (!served) release();
    }
  }

  private serve(ws: WebSocket, conversationId: string, from: number, release: () => void): void {
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
    // The store answers a page at a time; each page is handed to the socket before the next is read,
    // so a long conversation and a slow client never hold more than a page in memory.
    const catchUp = async () => {
      while (ws.readyState === ws.OPEN) {
        const set = await this.deps.channel.activitiesAfter(conversationId, sent);
        const watermark = Number(set.watermark);
        if (set.activities.length === 0 || watermark <= sent) {
          sent = Math.max(sent, watermark);
          return;
        }
        sent = watermark;
        await new Promise<void>((resolve) => ws.send(JSON.stringify(set), () => resolve()));
      }
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
      release();
    });
  }
}

/** How many streams are open per key (a conversation, a client address). */
class OpenCounts {
  private readonly counts = new Map<string, number>();

  /** Takes a slot for `key` unless `max` (0: no limit) are taken; false when none is left. */
  take(key: string, max: number): boolean {
    const open = this.counts.get(key) ?? 0;
    if (max > 0 && open >= max) return false;
    this.counts.set(key, open + 1);
    return true;
  }

  release(key: string): void {
    const open = (this.counts.get(key) ?? 1) - 1;
    if (open > 0) this.counts.set(key, open);
    else this.counts.delete(key);
  }
}

/** The conversation of a stream URL; 404 for any other path, 400 for one that does not decode. */
function streamTargetOf(rawUrl: string | undefined): { conversationId: string; query: URLSearchParams } {
  let url: URL;
  try {
    url = new URL(rawUrl ?? '/', 'http://localhost');
  } catch {
    throw new DirectLineError(400, 'BadArgument', 'The URL is malformed.');
  }
  const match = STREAM_PATH.exec(url.pathname);
  if (!match) throw new DirectLineError(404, 'NotFound', 'There is no WebSocket endpoint at this path.');
  try {
    return { conversationId: decodeURIComponent(match[1]), query: url.searchParams };
  } catch {
    throw new DirectLineError(400, 'BadArgument', 'The conversation id in the URL is malformed.');
  }
}

/** Answers an upgrade request with an HTTP status and closes the socket. */
function refuse(socket: Duplex, status: number): void {
  if (socket.destroyed) return;
  const reason = STATUS_CODES[status] ?? 'Error';
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  // A client that never reads must not hold the socket open.
  setTimeout(() => socket.destroy(), 1000).unref();
}
