import type { Server } from 'restify';
import type { Logger } from 'pino';
import type { DirectLineChannel } from './directLineChannel';
import { bearerOf, endpoint } from './http';
import type { DirectLineTokens } from './tokens';
import { DirectLineError } from './types';

/** The path of the in-process connector; `serviceUrl` of Direct Line activities is `<base><path>/`. */
export const CONNECTOR_PATH = '/directline/connector';

export interface ConnectorRouteDependencies {
  channel: DirectLineChannel;
  tokens: DirectLineTokens;
  logger: Logger;
}

/**
 * The part of the Bot Connector API the bot calls for Direct Line conversations: send to a
 * conversation and reply to an activity. Only our own bot can call it: it signs its calls with a
 * connector token for the conversation it writes to (see {@link createDirectLineAdapter}).
 */
export function registerConnectorRoutes(server: Server, { channel, tokens, logger }: ConnectorRouteDependencies): void {
  const route = (handler: Parameters<typeof endpoint>[0]) => endpoint(handler, (error) => logger.error({ err: error }, 'Direct Line connector call failed'));
  const authorize = (req: Parameters<Parameters<typeof endpoint>[0]>[0]) => tokens.verifyConnectorToken(bearerOf(req), req.params.conversationId);
  const conversations = `${CONNECTOR_PATH}/v3/conversations/:conversationId/activities`;

  server.post(conversations, route(async (req) => {
    authorize(req);
    return { status: 200, body: { id: await channel.deliverFromBot(req.params.conversationId, req.body) } };
  }));

  server.post(`${conversations}/:activityId`, route(async (req) => {
    authorize(req);
    return { status: 200, body: { id: await channel.deliverFromBot(req.params.conversationId, req.body, req.params.activityId) } };
  }));

  const unsupported = route(async (req) => {
    authorize(req);
    throw new DirectLineError(501, 'NotImplemented', 'Direct Line conversations do not support updating or deleting activities.');
  });
  server.put(`${conversations}/:activityId`, unsupported);
  server.del(`${conversations}/:activityId`, unsupported);
}
