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
 * audience instead of building a new one (an Azure HTTP pipeline with its policies) for every turn;
 * everything else is the wrapped authentication's. Why: building the client took about 5 % of the
 * bot's CPU per turn (see docs/benchmark.md), and a reused client also keeps its access token cache.
 * botbuilder's earlier BotFrameworkAdapter kept its connector clients the same way.
 */
export class ConnectorReusingAuthentication extends BotFrameworkAuthentication {
  private readonly clients = new Map<string, Promise<ConnectorClient>>();

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
    return this.inner.createUserTokenClient(claimsIdentity);
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
    const appId = JwtTokenValidation.getAppIdFromClaims(claimsIdentity.claims) ?? '';
    const clients = this.clients;
    const maxClients = this.maxClients;
    return new (class extends ConnectorFactory {
      create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
        const key = `${appId}|${serviceUrl}|${audience ?? ''}`;
        let client = clients.get(key);
        if (client) {
          clients.delete(key);
        } else {
          client = factory.create(serviceUrl, audience);
          // A failed creation (e.g. bad credentials) is not kept: the next turn tries again.
          client.catch(() => clients.get(key) === client && clients.delete(key));
          if (clients.size >= maxClients) clients.delete(clients.keys().next().value!);
        }
        clients.set(key, client);
        return client;
      }
    })();
  }
}
