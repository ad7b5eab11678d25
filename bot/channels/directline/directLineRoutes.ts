import type { Request, Server } from 'restify';
import type { Logger } from 'pino';
import type { DirectLineChannel } from './directLineChannel';
import { answerPreflights, assertConversation, bearerOf, callerOf, endpoint, type Caller } from './http';
import type { DirectLineTokens } from './tokens';
import { DirectLineError } from './types';

export interface DirectLineRouteDependencies {
  channel: DirectLineChannel;
  tokens: DirectLineTokens;
  /** The bot's public origin (e.g. https://bot.example.com) for stream URLs. */
  originOf: (req: Request) => string;
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
  const { channel, tokens } = deps;
  const route = (handler: Parameters<typeof endpoint>[0]) =>
    endpoint(handler, (error) => deps.logger.error({ err: error }, 'Direct Line request failed'), () => CORS);
  const conversationResponse = (req: Request, conversationId: string, userId: string, watermark = '') => ({
    conversationId,
    ...tokens.issue({ conversationId, userId }),
    streamUrl: streamUrlOf(deps.originOf(req), conversationId, watermark, tokens.issueStreamToken(conversationId))
  });

  // A token's conversation starts on first use, whichever call that is; the secret holder cannot invent one.
  const conversationFor = async (caller: Caller, conversationId: string) => {
    assertConversation(caller, conversationId);
    return caller.kind === 'token' ? (await channel.start(conversationId, caller.claims.userId)).conversation : channel.conversation(conversationId);
  };

  answerPreflights(server, (path) => path.startsWith(`${DIRECT_LINE_PATH}/`), () => CORS);

  server.post(`${DIRECT_LINE_PATH}/tokens/generate`, route(async (req) => {
    if (!tokens.isSecret(bearerOf(req))) throw new DirectLineError(401, 'Unauthorized', 'tokens/generate needs the Direct Line secret.');
    const userId = userIdOf(req.body) ?? channel.newUserId();
    const conversationId = channel.newConversationId();
    return { status: 200, body: { conversationId, ...tokens.issue({ conversationId, userId }) } };
  }));

  server.post(`${DIRECT_LINE_PATH}/tokens/refresh`, route(async (req) => {
    const caller = callerOf(req, tokens);
    if (caller.kind !== 'token') throw new DirectLineError(400, 'BadArgument', 'tokens/refresh needs a token, not the secret.');
    return { status: 200, body: { conversationId: caller.claims.conversationId, ...tokens.issue(caller.claims) } };
  }));

  server.post(`${DIRECT_LINE_PATH}/conversations`, route(async (req) => {
    const caller = callerOf(req, tokens);
    const claims = caller.kind === 'token' ? caller.claims : { conversationId: channel.newConversationId(), userId: userIdOf(req.body) ?? channel.newUserId() };
    const { created } = await channel.start(claims.conversationId, claims.userId, localeOf(req.body));
    return { status: created ? 201 : 200, body: conversationResponse(req, claims.conversationId, claims.userId) };
  }));

  server.get(`${DIRECT_LINE_PATH}/conversations/:conversationId`, route(async (req) => {
    const conversation = await conversationFor(callerOf(req, tokens), req.params.conversationId);
    return { status: 200, body: conversationResponse(req, conversation.id, conversation.userId, watermarkText(queryParam(req, 'watermark'))) };
  }));

  server.post(`${DIRECT_LINE_PATH}/conversations/:conversationId/activities`, route(async (req) => {
    const conversation = await conversationFor(callerOf(req, tokens), req.params.conversationId);
    return { status: 200, body: { id: await channel.postFromClient(conversation, req.body) } };
  }));

  server.get(`${DIRECT_LINE_PATH}/conversations/:conversationId/activities`, route(async (req) => {
    const caller = callerOf(req, tokens);
    assertConversation(caller, req.params.conversationId);
    return { status: 200, body: await channel.activitiesAfter(req.params.conversationId, watermarkOf(queryParam(req, 'watermark'))) };
  }));

  server.post(`${DIRECT_LINE_PATH}/conversations/:conversationId/upload`, route(async (req) => {
    assertConversation(callerOf(req, tokens), req.params.conversationId);
    throw new DirectLineError(501, 'NotImplemented', 'This Direct Line endpoint does not accept file uploads.');
  }));
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

function userIdOf(body: unknown): string | undefined {
  const id = (body as { user?: { id?: unknown } } | undefined)?.user?.id;
  if (id === undefined || id === null || id === '') return undefined;
  if (typeof id !== 'string' || !USER_ID.test(id)) throw new DirectLineError(400, 'BadArgument', 'user.id must be 1-128 letters, digits or _.:@|-');
  return id;
}

function localeOf(body: unknown): string | undefined {
  const locale = (body as { locale?: unknown } | undefined)?.locale;
  return typeof locale === 'string' && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(locale) ? locale : undefined;
}
