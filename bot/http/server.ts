import type { ActivityHandler, CloudAdapter } from 'botbuilder';
import type { Logger } from 'pino';
import restify, { type Server } from 'restify';
import { activityProblem, channelActivitySchema } from '../channels/activityShape';

export interface ServerDependencies {
  adapter: CloudAdapter;
  bot: ActivityHandler;
  logger: Logger;
  /** Larger request bodies are refused with 413. */
  maxBodyBytes: number;
  /** Reported by /healthz, e.g. the number of FAQ entries loaded. */
  health?: () => Record<string, unknown>;
  /** Where activities may have the bot reply (without Bot Framework authentication); undefined: anywhere. */
  allowsServiceUrl?: (serviceUrl: string | undefined) => boolean;
}

/** Builds the HTTP server: the Bot Framework endpoint and a health check. Only the entry point listens. */
export function makeServer({ adapter, bot, logger, maxBodyBytes, health, allowsServiceUrl }: ServerDependencies): Server {
  const server = restify.createServer({ name: 'anlaufstelle', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: maxBodyBytes, mapParams: false, rejectUnknown: true }));

  server.post('/api/messages', async (req, res) => {
    // Checked before the turn: a malformed activity must not reach the dialogs or the conversation's state.
    const problem = req.is('json') ? activityProblem(channelActivitySchema, req.body) : 'The body must be a Bot Framework activity in JSON (content-type: application/json).';
    if (problem) {
      res.send(400, { error: problem });
      return;
    }
    // Replies in the response (expectReplies) go nowhere else; any other reply goes to the serviceUrl.
    if (allowsServiceUrl && req.body.deliveryMode !== 'expectReplies' && !allowsServiceUrl(req.body.serviceUrl)) {
      res.send(400, { error: 'The serviceUrl is not allowed: without Bot Framework authentication the bot replies only to ALLOWED_SERVICE_URLS.' });
      return;
    }
    await adapter.process(req, res, (context) => bot.run(context));
  });

  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok', ...(health?.() ?? {}) });
    next();
  });

  server.on('restifyError', (req, res, error, callback) => {
    logger.warn({ method: req.method, url: req.url, status: error.statusCode, message: error.message }, 'request rejected');
    error.toJSON = () => ({ error: error.message, code: error.code ?? error.name });
    return callback();
  });
  return server;
}
