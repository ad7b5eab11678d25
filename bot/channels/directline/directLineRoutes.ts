import type { Next, Request, Response, Server } from 'restify';
import type { RateLimiter } from '../../http/rateLimiter';
import type { Logger } from 'pino';
import type { DirectLineChannel } from './directLineChannel';
import { answerPreflights, assertConversation, callerOf, endpoint, withinRateLimits, type Caller } from './http';
import type { ConversationClaims, DirectLineTokens } from './tokens';
import { DirectLineError } from './types';

/** Rate limits of the anonymous Direct Line endpoints (a site backend with the secret is not limited). */
export interface DirectLineLimits {
  /** Activities per conversation (so per token: a refreshed token shares its conversation's bucket). */
  postsPerConversation: RateLimiter;
  /** Activities per client address (many employees can share one behind NAT). */
  postsPerAddress: RateLimiter;
  /** Tokens, conversation starts, reconnects and token refreshes per client address. */
  startsPerAddress: RateLimiter;
}

export interface DirectLineRouteDependencies {
  channel: DirectLineChannel;
  tokens: DirectLineTokens;
  /** The bot's public origin (e.g. https://bot.example.com) for stream URLs. */
  originOf: (req: Request) => string;
  /** The client's address (X-Forwarded-For only from trusted proxies). */
  clientAddress: (req: Request) => string;
  limits: DirectLineLimits;
  logger: Logger;
}

/** Where the Direct Line 3.0 API lives, as on Azure (`https://directline.botframework.com/v3/directline`). */
export const DIRECT_LINE_PATH = '/v3/directline';
/** Like Azure's Direct Line, any origin may call with a token: it travels in a header, not a cookie. */
const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'authorization, content-type, x-ms-bot-agent, x-requested-with',
  'access-control-max-age': '600'
};
const USER_ID = /^[\w.:@|-]{1,128}$/;

/**
 * The Direct Line 3.0 REST endpoints clients such as botframework-directlinejs (and so Web Chat)
 * use: tokens, start and reconnect, post and get activities. The WebSocket stream is in
 * {@link DirectLineStreams}.
 */
export function registerDirectLineRoutes(server: Server, deps: DirectLineRouteDependencies): void {
  const { channel, tokens, limits } = deps;
  const route = (handler: Parameters<typeof endpoint>[0]) =>
    endpoint(handler, (error) => deps.logger.error({ err: error }, 'Direct Line request failed'), () => CORS);
  const conversationResponse = (req: Request, claims: ConversationClaims, watermark = '') => ({
    conversationId: claims.conversationId,
    ...tokens.issue(claims),
    streamUrl: streamUrlOf(deps.originOf(req), claims.conversationId, watermark, tokens.issueStreamToken(claims.conversationId))
  });
  /** What the credential check before the body parser found out about a request. */
  const callers = new WeakMap<Request, Caller>();
  const caller = (req: Request) => callers.get(req) ?? callerOf(req, tokens);
  /** A token holder is an anonymous client: its starts (and reconnects) count against its address. */
  const limitStarts = (req: Request, who: Caller) => {
    if (who.kind === 'token') withinRateLimits([limits.startsPerAddress, deps.clientAddress(req)]);
  };

  // A token's conversation starts on first use, whichever call that is; the secret holder cannot invent one.
  const conversationFor = async (who: Caller, conversationId: string) => {
    assertConversation(who, conversationId);
    return who.kind === 'token' ? (await channel.start(conversationId, who.claims.userId, undefined, who.claims.userName)).conversation : channel.conversation(conversationId);
  };

  answerPreflights(server, (path) => path.startsWith(`${DIRECT_LINE_PATH}/`), () => CORS);
  checkCredentialsFirst(server, tokens, callers);

  server.post(`${DIRECT_LINE_PATH}/tokens/generate`, route(async (req) => {
    if (caller(req).kind !== 'secret') throw new DirectLineError(401, 'Unauthorized', 'tokens/generate needs the Direct Line secret.');
    const user = userOf(req.body);
    const conversationId = channel.newConversationId();
    return { status: 200, body: { conversationId, ...tokens.issue({ conversationId, userId: user.id ?? channel.newUserId(), userName: user.name }) } };
  }));

  server.post(`${DIRECT_LINE_PATH}/tokens/refresh`, route(async (req) => {
    const who = caller(req);
    if (who.kind !== 'token') throw new DirectLineError(400, 'BadArgument', 'tokens/refresh needs a token, not the secret.');
    limitStarts(req, who);
    return { status: 200, body: { conversationId: who.claims.conversationId, ...tokens.issue(who.claims) } };
  }));

  server.post(`${DIRECT_LINE_PATH}/conversations`, route(async (req) => {
    const who = caller(req);
    limitStarts(req, who);
    const user = who.kind === 'token' ? undefined : userOf(req.body);
    const claims: ConversationClaims =
      who.kind === 'token' ? who.claims : { conversationId: channel.newConversationId(), userId: user?.id ?? channel.newUserId(), userName: user?.name };
    const { created } = await channel.start(claims.conversationId, claims.userId, localeOf(req.body), claims.userName);
    return { status: created ? 201 : 200, body: conversationResponse(req, claims) };
  }));

  server.get(`${DIRECT_LINE_PATH}/conversations/:conversationId`, route(async (req) => {
    const who = caller(req);
    limitStarts(req, who);
    const conversation = await conversationFor(who, req.params.conversationId);
    const claims = who.kind === 'token' ? who.claims : { conversationId: conversation.id, userId: conversation.userId };
    return { status: 200, body: conversationResponse(req, claims, watermarkText(queryParam(req, 'watermark'))) };
  }));

  server.post(`${DIRECT_LINE_PATH}/conversations/:conversationId/activities`, route(async (req) => {
    const who = caller(req);
    if (who.kind === 'token') {
      withinRateLimits([limits.postsPerConversation, who.claims.conversationId], [limits.postsPerAddress, deps.clientAddress(req)]);
    }
    // The server's body parser also reads forms; an activity is JSON.
    if (!req.is('json')) throw new DirectLineError(400, 'BadArgument', 'The body must be an activity in JSON (content-type: application/json).');
    const conversation = await conversationFor(who, req.params.conversationId);
    return { status: 200, body: { id: await channel.postFromClient(conversation, req.body, who.kind === 'token' ? who.claims.userName : undefined) } };
  }));

  server.get(`${DIRECT_LINE_PATH}/conversations/:conversationId/activities`, route(async (req) => {
    assertConversation(caller(req), req.params.conversationId);
    return { status: 200, body: await channel.activitiesAfter(req.params.conversationId, watermarkOf(queryParam(req, 'watermark'))) };
  }));

  server.post(`${DIRECT_LINE_PATH}/conversations/:conversationId/upload`, route(async (req) => {
    assertConversation(caller(req), req.params.conversationId);
    throw new DirectLineError(501, 'NotImplemented', 'This Direct Line endpoint does not accept file uploads.');
  }));
}

/**
 * Checks the credentials of every Direct Line request before the server's body parser looks at the
 * body, so that a wrong token gets 401/403 whatever it sends (not 415). A request with neither
 * Content-Length nor Transfer-Encoding has no body (RFC 9112, 6.3): it gets `Content-Length: 0`, so
 * that `POST /conversations` with a token and nothing else starts a conversation.
 */
function checkCredentialsFirst(server: Server, tokens: DirectLineTokens, callers: WeakMap<Request, Caller>): void {
  server.pre((req: Request, res: Response, next: Next) => {
    if (req.method === 'OPTIONS' || !req.getPath().startsWith(`${DIRECT_LINE_PATH}/`)) return next();
    if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) req.headers['content-length'] = '0';
    try {
      callers.set(req, callerOf(req, tokens));
      return next();
    } catch (error) {
      if (!(error instanceof DirectLineError)) throw error;
      res.set({ ...CORS, 'cache-control': 'no-store' });
      res.send(error.status, error.toBody());
      return next(false);
    }
  });
}

/** The WebSocket URL of a conversation's stream: ws(s) on the public origin, with a stream token. */
export function streamUrlOf(origin: string, conversationId: string, watermark: string, streamToken: string): string {
  const base = origin.replace(/^http/, 'ws');
  return `${base}${DIRECT_LINE_PATH}/conversations/${encodeURIComponent(conversationId)}/stream?watermark=${encodeURIComponent(watermark)}&t=${encodeURIComponent(streamToken)}`;
}

/** A watermark as sent by clients: a non-negative number, or empty for "from the start". */
export function watermarkOf(value: unknown): number {
  const number = Number(typeof value === 'string' && value.trim() ? value : 0);
  if (!Number.isSafeInteger(number) || number < 0) throw new DirectLineError(400, 'BadArgument', 'The watermark is invalid.');
  return number;
}

/** A query parameter; the server has no query parser, so that `req.params` stays the route's own. */
export function queryParam(req: Request, name: string): string | undefined {
  return new URL(req.url ?? '/', 'http://localhost').searchParams.get(name) ?? undefined;
}

function watermarkText(value: unknown): string {
  return typeof value === 'string' && value ? String(watermarkOf(value)) : '';
}

/** The user a site backend (with the secret) names in `{ user: { id, name } }`, as with Azure's Direct Line. */
function userOf(body: unknown): { id?: string; name?: string } {
  const user = (body as { user?: { id?: unknown; name?: unknown } } | undefined)?.user;
  const id = user?.id;
  const name = user?.name;
  if (name !== undefined && name !== null && (typeof name !== 'string' || name.length > 100)) throw new DirectLineError(400, 'BadArgument', 'user.name must be a text of at most 100 characters');
  if (id === undefined || id === null || id === '') return { name: name || undefined };
  if (typeof id !== 'string' || !USER_ID.test(id)) throw new DirectLineError(400, 'BadArgument', 'user.id must be 1-128 letters, digits or _.:@|-');
  return { id, name: name || undefined };
}

function localeOf(body: unknown): string | undefined {
  const locale = (body as { locale?: unknown } | undefined)?.locale;
  return typeof locale === 'string' && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(locale) ? locale : undefined;
}
