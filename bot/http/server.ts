import type { ActivityHandler, CloudAdapter } from 'botbuilder';
import type { Logger } from 'pino';
import restify, { type Server } from 'restify';

export interface ServerDependencies {
  adapter: CloudAdapter;
  bot: ActivityHandler;
  logger: Logger;
  /** Larger request bodies are refused with 413. */
  maxBodyBytes: number;
  /** Reported by /healthz, e.g. the number of FAQ entries loaded. */
  health?: () => Record<string, unknown>;
}

/** Builds the HTTP server: the Bot Framework endpoint and a health check. Only the entry point listens. */
export function makeServer({ adapter, bot, logger, maxBodyBytes, health }: ServerDependencies): Server {
  const server = restify.createServer({ name: 'anlaufstelle', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: maxBodyBytes, mapParams: false, rejectUnknown: true }));

  server.post('/api/messages', async (req, res) => {
    if (!req.body || typeof req.body !== 'object' || Array.isArray(req.body) || typeof req.body.type !== 'string') {
      res.send(400, { error: 'The body must be a Bot Framework activity: a JSON object with a "type".' });
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
