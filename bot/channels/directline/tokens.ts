import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { DirectLineError } from './types';
import type { Clock } from '../../clock';

/** Whom a Direct Line token admits: one conversation, as one user. */
export interface ConversationClaims {
  conversationId: string;
  userId: string;
  /** The user's display name, when whoever issued the token (a site backend, with the secret) vouches for one. */
  userName?: string;
}

const ISSUER = 'anlaufstelle';
const AUDIENCE = { conversation: 'directline', stream: 'directline-stream', connector: 'directline-connector' } as const;
/** A stream URL must be opened soon after it is handed out, as with Azure's Direct Line. */
const STREAM_TOKEN_SECONDS = 120;
const CONNECTOR_TOKEN_SECONDS = 300;

/**
 * Issues and checks the HMAC-signed (HS256) tokens of the Direct Line endpoint: conversation tokens
 * for clients, short-lived stream tokens in WebSocket URLs, and the tokens our own bot sends to the
 * in-process connector. All are signed with a key derived from the Direct Line secret.
 */
export class DirectLineTokens {
  private readonly key: Buffer;
  private readonly secretDigest: Buffer;

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
    private readonly now: Clock
  ) {
    this.key = createHmac('sha256', secret).update('anlaufstelle/directline/token-signing').digest();
    this.secretDigest = createHash('sha256').update(secret).digest();
  }

  /** Whether `candidate` is the Direct Line secret (constant-time). */
  isSecret(candidate: string): boolean {
    return timingSafeEqual(createHash('sha256').update(candidate).digest(), this.secretDigest);
  }

  /** A conversation token and its lifetime in seconds, as `tokens/generate` returns them. */
  issue(claims: ConversationClaims): { token: string; expires_in: number } {
    const name: Record<string, string> = claims.userName ? { name: claims.userName } : {};
    return { token: this.sign({ conv: claims.conversationId, user: claims.userId, ...name }, AUDIENCE.conversation, this.ttlSeconds), expires_in: this.ttlSeconds };
  }

  /** The claims of a valid conversation token; 401 for a bad token, 403 for an expired one. */
  verify(token: string): ConversationClaims {
    const payload = this.check(token, AUDIENCE.conversation);
    if (typeof payload.conv !== 'string' || typeof payload.user !== 'string') throw unauthorized('The token is not a Direct Line conversation token.');
    return { conversationId: payload.conv, userId: payload.user, ...(typeof payload.name === 'string' && payload.name ? { userName: payload.name } : {}) };
  }

  /** A stream token for one WebSocket of this conversation; it carries an id so that it is used once. */
  issueStreamToken(conversationId: string): string {
    return this.sign({ conv: conversationId, jti: randomBytes(12).toString('base64url') }, AUDIENCE.stream, STREAM_TOKEN_SECONDS);
  }

  /** The id and expiry of a valid stream token for this conversation; throws otherwise. */
  verifyStreamToken(token: string, conversationId: string): { id: string; expiresAt: Date } {
    const payload = this.check(token, AUDIENCE.stream);
    if (payload.conv !== conversationId) throw forbidden('The stream token belongs to another conversation.');
    if (typeof payload.jti !== 'string' || typeof payload.exp !== 'number') throw unauthorized('The token is not a stream token.');
    return { id: payload.jti, expiresAt: new Date(payload.exp * 1000) };
  }

  /** A token for one call of our bot to the in-process connector, good for this conversation only. */
  issueConnectorToken(conversationId: string): string {
    return this.sign({ conv: conversationId }, AUDIENCE.connector, CONNECTOR_TOKEN_SECONDS);
  }

  /** Throws unless `token` is a valid connector token for this conversation. */
  verifyConnectorToken(token: string, conversationId: string): void {
    if (this.check(token, AUDIENCE.connector).conv !== conversationId) throw forbidden('The connector token belongs to another conversation.');
  }

  private sign(claims: Record<string, string>, audience: string, seconds: number): string {
    const iat = Math.floor(this.now().getTime() / 1000);
    return jwt.sign({ ...claims, iat, exp: iat + seconds }, this.key, { algorithm: 'HS256', audience, issuer: ISSUER });
  }

  private check(token: string, audience: string): jwt.JwtPayload {
    try {
      const payload = jwt.verify(token, this.key, { algorithms: ['HS256'], audience, issuer: ISSUER, clockTimestamp: Math.floor(this.now().getTime() / 1000) });
      if (typeof payload === 'string') throw new Error('unexpected payload');
      return payload;
    } catch (error) {
      // 403 lets Direct Line clients tell an expired token (refresh or restart) from a wrong one.
      if (error instanceof jwt.TokenExpiredError) throw new DirectLineError(403, 'TokenExpired', 'The token has expired.');
      throw unauthorized('The token is invalid.');
    }
  }
}

function unauthorized(message: string): DirectLineError {
  return new DirectLineError(401, 'Unauthorized', message);
}

/** 403: the caller is known but may not do this (another conversation, another user). */
export function forbidden(message: string): DirectLineError {
  return new DirectLineError(403, 'Forbidden', message);
}
