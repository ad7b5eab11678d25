import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { ConversationReference, TurnContext } from 'botbuilder';
import type { Request, Server } from 'restify';
import type { AppConfig } from '../config/config';
import type { Logger } from '../logger';
import { ChannelRoutingAdapter } from './channelRoutingAdapter';
import { CONNECTOR_PATH, registerConnectorRoutes } from './directline/connectorRoutes';
import { createDirectLineAdapter } from './directline/directLineAdapter';
import { DirectLineChannel } from './directline/directLineChannel';
import { registerDirectLineRoutes } from './directline/directLineRoutes';
import type { DirectLineStore } from './directline/directLineStore';
import { InProcessDirectLineEventBus, type DirectLineEventBus } from './directline/eventBus';
import { FileDirectLineStore } from './directline/fileDirectLineStore';
import { DirectLineStreams } from './directline/streamServer';
import { DirectLineTokens } from './directline/tokens';
import { MarkdownLists } from './markdownLists';
import { projectRoot } from './projectRoot';
import { SuggestedActionsAsCard } from './teams/suggestedActionsAsCard';
import { TenantAllowList } from './teams/tenantAllowList';
import { TypingIndicator } from './typingIndicator';
import { registerWebChatRoutes } from './webchat/webChatRoutes';
import type { Clock, Stopwatch } from '../clock';
import type { ClientAddresses } from '../http/clientAddress';
import { RateLimiter } from '../http/rateLimiter';
import { InProcessUsedStreamTokens, type UsedStreamTokens } from './directline/usedStreamTokens';
import { markWebChatTurn } from './userKey';
import { serviceUrlAllowList } from './serviceUrlAllowList';

export interface ChannelDependencies {
  config: AppConfig;
  logger: Logger;
  bot: { run(context: TurnContext): Promise<void> };
  /** The app's clock. */
  now: Clock;
  /** Monotonic time for the rate limits. */
  stopwatch: Stopwatch;
  /** Who the client behind a request is (X-Forwarded-For only from trusted proxies). */
  clientAddresses: ClientAddresses;
  /** Replace the defaults, e.g. with shared implementations for several instances. */
  directLineStore?: DirectLineStore;
  directLineBus?: DirectLineEventBus;
  usedStreamTokens?: UsedStreamTokens;
}

/** The channels besides the Bot Framework endpoint: web chat over our own Direct Line, and Teams specifics. */
export interface Channels {
  directLine: {
    channel: DirectLineChannel;
    adapter: ReturnType<typeof createDirectLineAdapter>;
    tokens: DirectLineTokens;
    store: DirectLineStore;
    bus: DirectLineEventBus;
    /** The Direct Line secret: DIRECT_LINE_SECRET, or one generated for this process outside production. */
    secret: string;
  };
  /** Where /api/messages activities may have the bot reply; undefined: anywhere (Bot Framework authentication on). */
  allowsServiceUrl?: (serviceUrl: string | undefined) => boolean;
  /** The bot's main adapter: channel middleware, and proactive messages routed to in-process channels. */
  createAdapter(auth: ConstructorParameters<typeof ChannelRoutingAdapter>[0]): ChannelRoutingAdapter;
  /** Registers web chat, Direct Line and its connector on the server (not listening yet). */
  register(server: Server): void;
}

/**
 * Builds the channels. The Direct Line endpoint is a channel for our own bot in this process: see
 * {@link DirectLineChannel}; its store and event bus are interfaces so that several instances can share them.
 */
export function createChannels({ config, logger, bot, now, stopwatch, clientAddresses, directLineStore, directLineBus, usedStreamTokens }: ChannelDependencies): Channels {
  const secret = config.DIRECT_LINE_SECRET ?? randomBytes(32).toString('base64url');
  if (!config.DIRECT_LINE_SECRET && config.NODE_ENV === 'development') {
    logger.warn('DIRECT_LINE_SECRET is not set: using a secret generated for this process; web chat sessions end with it');
  }
  const tokens = new DirectLineTokens(secret, config.DIRECT_LINE_TOKEN_TTL_SECONDS, now);
  const store = directLineStore ?? new FileDirectLineStore(path.join(config.DATA_DIR, 'directline'), now);
  const bus = directLineBus ?? new InProcessDirectLineEventBus((error) => logger.error({ err: error }, 'Direct Line listener failed'));
  let server: Server | undefined;
  const publicUrl = config.PUBLIC_URL?.replace(/\/+$/, '');
  // Without PUBLIC_URL the bot reaches its own connector on the port it listens on.
  const ownUrl = () => {
    const port = (server?.address() as AddressInfo | null)?.port ?? config.PORT;
    const host = ['0.0.0.0', '::', ''].includes(config.HOST) ? '127.0.0.1' : config.HOST;
    return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  };
  const serviceUrl = () => `${config.DIRECT_LINE_CONNECTOR_URL ?? publicUrl ?? ownUrl()}${CONNECTOR_PATH}/`;
  const adapter = createDirectLineAdapter(tokens, serviceUrl);
  // Turns of this adapter are the web chat's: user keys and agent-hub checks tell them apart by this mark.
  adapter.use({ onTurn: async (context, next) => (markWebChatTurn(context), next()) });
  adapter.use(new TypingIndicator(logger));
  adapter.use(new MarkdownLists());

  const botAccount = { id: config.MicrosoftAppId ?? 'anlaufstelle', name: config.BOT_NAME, role: 'bot' };
  const channel = new DirectLineChannel({ store, bus, adapter, bot, botAccount, serviceUrl, logger, now, maxTextLength: config.MAX_MESSAGE_LENGTH });
  const streams = new DirectLineStreams({
    channel,
    bus,
    tokens,
    logger,
    usedStreamTokens: usedStreamTokens ?? new InProcessUsedStreamTokens(now),
    maxStreamsPerConversation: config.DIRECT_LINE_STREAMS_PER_CONVERSATION,
    maxStreamsPerAddress: config.DIRECT_LINE_STREAMS_PER_ADDRESS,
    clientAddress: (req) => clientAddresses.of(req)
  });
  const limits = {
    postsPerConversation: new RateLimiter(config.DIRECT_LINE_POSTS_PER_MINUTE_PER_CONVERSATION, stopwatch),
    postsPerAddress: new RateLimiter(config.DIRECT_LINE_POSTS_PER_MINUTE_PER_ADDRESS, stopwatch),
    startsPerAddress: new RateLimiter(config.DIRECT_LINE_STARTS_PER_MINUTE_PER_ADDRESS, stopwatch)
  };
  const clientAddress = (req: Request) => clientAddresses.of(req);
  // Our connector by its whole origin and path: a look-alike path on another host is not ours.
  const ownsReference = (reference: Partial<ConversationReference>) => isOwnConnector(reference.serviceUrl, serviceUrl());

  const allowsServiceUrl = serviceUrlAllowList(config);

  return {
    directLine: { channel, adapter, tokens, store, bus, secret },
    allowsServiceUrl,
    createAdapter(auth) {
      const main = new ChannelRoutingAdapter(auth, [{ owns: ownsReference, adapter }], allowsServiceUrl);
      main.use(new TenantAllowList(config.TEAMS_ALLOWED_TENANTS, config.DEFAULT_LANGUAGE, logger));
      main.use(new TypingIndicator(logger));
      main.use(new SuggestedActionsAsCard());
      main.use(new MarkdownLists());
      adapter.onTurnError = (context, error) => main.onTurnError(context, error);
      return main;
    },
    register(target) {
      server = target;
      const root = projectRoot();
      const originOf = (req: { isSecure(): boolean; header(name: string): string | undefined }) =>
        publicUrl ?? `${req.isSecure() ? 'https' : 'http'}://${req.header('host') ?? ownUrl().slice('http://'.length)}`;
      registerDirectLineRoutes(target, { channel, tokens, originOf, clientAddress, limits, logger });
      registerConnectorRoutes(target, { channel, tokens, logger });
      registerWebChatRoutes(target, {
        channel,
        tokens,
        branding: { botName: config.BOT_NAME, companyName: config.COMPANY_NAME, brandColor: config.BRAND_COLOR, locale: config.DEFAULT_LANGUAGE === 'en' ? 'en-US' : 'de-DE' },
        allowedOrigins: config.WEBCHAT_ALLOWED_ORIGINS,
        publicDir: path.join(root, 'public'),
        webChatBundle: path.join(root, 'node_modules', 'botframework-webchat', 'dist', 'webchat.js'),
        icon: path.join(root, 'manifest', 'color.png'),
        clientAddress,
        tokensPerAddress: limits.startsPerAddress,
        logger
      });
      streams.attach(target.server);
      // Open WebSocket streams would keep server.close() waiting for ever.
      const close = target.close.bind(target);
      target.close = ((...args: Parameters<Server['close']>) => {
        streams.closeAll();
        return close(...args);
      }) as Server['close'];
    }
  };
}

/** Whether a serviceUrl is this bot's in-process Direct Line connector: same origin, same path. */
function isOwnConnector(serviceUrl: string | undefined, own: string): boolean {
  try {
    const target = new URL(serviceUrl ?? '');
    const ours = new URL(own);
    return target.origin === ours.origin && target.pathname.replace(/\/+$/, '') === ours.pathname.replace(/\/+$/, '');
  } catch {
    return false;
  }
}
