import {
  BotFrameworkAuthentication,
  ConnectorFactory,
  JwtTokenValidation,
  type AuthenticateRequestResult,
  type BotFrameworkClient,
  type ClaimsIdentity,
  type ConnectorClient,
  type UserTokenClient
} from 'botframework-connector';
import type { Activity } from 'botbuilder';

/**
 * A `BotFrameworkAuthentication` that reuses one `ConnectorClient` per bot app id, service URL and
 * audience, and one `UserTokenClient` per app id, instead of building new ones (each an Azure HTTP
 * pipeline with its policies) for every turn; everything else is the wrapped authentication's. Why:
 * building the two clients took about 10 % of the bot's CPU per turn (see docs/benchmark.md), and a
 * reused client also keeps its access token cache. botbuilder's earlier BotFrameworkAdapter kept its
 * connector clients the same way.
 */
export class ConnectorReusingAuthentication extends BotFrameworkAuthentication {
  private readonly clients = new Map<string, Promise<ConnectorClient>>();
  private readonly tokenClients = new Map<string, Promise<UserTokenClient>>();

  /** @param maxClients clients kept (most recently used); a bot talks to a few service URLs. */
  constructor(
    private readonly inner: BotFrameworkAuthentication,
    private readonly maxClients = 100
  ) {
    super();
  }

  async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.withReuse(await this.inner.authenticateRequest(activity, authHeader));
  }

  async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return this.withReuse(await this.inner.authenticateStreamingRequest(authHeader, channelIdHeader));
  }

  createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.reusing(claimsIdentity, this.inner.createConnectorFactory(claimsIdentity));
  }

  createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return reuse(this.tokenClients, appIdOf(claimsIdentity), this.maxClients, () => this.inner.createUserTokenClient(claimsIdentity));
  }

  createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }

  getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader);
  }

  private withReuse(result: AuthenticateRequestResult): AuthenticateRequestResult {
    return result.connectorFactory ? { ...result, connectorFactory: this.reusing(result.claimsIdentity, result.connectorFactory) } : result;
  }

  private reusing(claimsIdentity: ClaimsIdentity, factory: ConnectorFactory): ConnectorFactory {
    return new ReusingConnectorFactory(factory, appIdOf(claimsIdentity), this.clients, this.maxClients);
  }
}

/** Hands out the kept client for a service URL and audience, or creates and keeps one. */
class ReusingConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly appId: string,
    private readonly clients: Map<string, Promise<ConnectorClient>>,
    private readonly maxClients: number
  ) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    return reuse(this.clients, `${this.appId}|${serviceUrl}|${audience ?? ''}`, this.maxClients, () => this.inner.create(serviceUrl, audience));
  }
}

function appIdOf(claimsIdentity: ClaimsIdentity): string {
  return JwtTokenValidation.getAppIdFromClaims(claimsIdentity.claims) ?? '';
}

/** The kept value for `key` (most recently used last), or a new one from `create`; a failed creation is not kept. */
function reuse<T>(kept: Map<string, Promise<T>>, key: string, max: number, create: () => Promise<T>): Promise<T> {
  let value = kept.get(key);
  if (value) {
    kept.delete(key);
  } else {
    value = create();
    // A failed creation (e.g. the token service unreachable) is not kept: the next turn tries again.
    value.catch(() => kept.get(key) === value && kept.delete(key));
    if (kept.size >= max) kept.delete(kept.keys().next().value!);
  }
  kept.set(key, value);
  return value;
}
