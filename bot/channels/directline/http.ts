import type { Next, Request, Response, Server } from 'restify';
import type { ConversationClaims, DirectLineTokens } from './tokens';
import { forbidden } from './tokens';
import type { RateLimiter } from '../../http/rateLimiter';
import { DirectLineError } from './types';

/** Who calls a Direct Line endpoint: the holder of the secret, or of a conversation token. */
export type Caller = { kind: 'secret' } | { kind: 'token'; claims: ConversationClaims };

/** The bearer credential of a request; 401 when there is none. */
export function bearerOf(req: Request): string {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.header('authorization') ?? '');
  if (!match) throw new DirectLineError(401, 'Unauthorized', 'The Authorization header must carry a Direct Line secret or token: "Bearer <token>".');
  return match[1];
}

/** The caller of a Direct Line endpoint, from its Authorization header. */
export function callerOf(req: Request, tokens: DirectLineTokens): Caller {
  const credential = bearerOf(req);
  return tokens.isSecret(credential) ? { kind: 'secret' } : { kind: 'token', claims: tokens.verify(credential) };
}

/** Throws 403 unless the caller may use this conversation: a token only ever admits its own. */
export function assertConversation(caller: Caller, conversationId: string): void {
  if (caller.kind === 'token' && caller.claims.conversationId !== conversationId) throw forbidden('The token belongs to another conversation.');
}

/**
 * Wraps an endpoint: its result is sent as JSON, a DirectLineError as Direct Line's error body,
 * anything else as 500. `headers` are set on every response (e.g. CORS).
 */
export function endpoint(
  handler: (req: Request) => Promise<{ status: number; body: unknown }>,
  onError: (error: unknown) => void,
  headers: (req: Request) => Record<string, string> = () => ({})
) {
  return async (req: Request, res: Response): Promise<void> => {
    for (const [name, value] of Object.entries(headers(req))) res.header(name, value);
    res.header('cache-control', 'no-store');
    try {
      const { status, body } = await handler(req);
      res.send(status, body);
    } catch (error) {
      if (error instanceof DirectLineError) {
        if (error.retryAfterSeconds !== undefined) res.header('retry-after', String(error.retryAfterSeconds));
        res.send(error.status, error.toBody());
        return;
      }
      onError(error);
      res.send(500, new DirectLineError(500, 'ServiceError', 'Internal error.').toBody());
    }
  };
}

/**
 * Answers CORS preflights (OPTIONS) for paths that `matches`, before the server's body parser, which
 * would refuse a request without Content-Length.
 */
export function answerPreflights(server: Server, matches: (path: string) => boolean, headers: (req: Request) => Record<string, string>): void {
  server.pre((req: Request, res: Response, next: Next) => {
    if (req.method !== 'OPTIONS' || !matches(req.getPath())) return next();
    res.set(headers(req));
    res.send(204);
    return next(false);
  });
}

/** Throws 429 unless every limiter lets one more request for its key go ahead. */
export function withinRateLimits(...checks: Array<[RateLimiter, string]>): void {
  for (const [limiter, key] of checks) {
    const waitMs = limiter.take(key);
    if (waitMs > 0) throw new DirectLineError(429, 'TooManyRequests', 'Too many requests; please wait a moment.', Math.ceil(waitMs / 1000));
  }
}
