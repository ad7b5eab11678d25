import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Request, Response, Server } from 'restify';
import type { Logger } from 'pino';
import type { DirectLineChannel } from '../directline/directLineChannel';
import type { RateLimiter } from '../../http/rateLimiter';
import { answerPreflights, endpoint, withinRateLimits } from '../directline/http';
import type { DirectLineTokens } from '../directline/tokens';
import { LANGUAGES, type Language } from '../../content/schema';
import { languageOfLocale, localeOf } from '../../i18n/locale';
import { messagesFor } from '../../i18n/messages';
import { StaticAsset } from './staticAsset';

/** What the page and the embedded widget show: names, colour, language. */
export interface WebChatBranding {
  botName: string;
  companyName: string;
  /** #rrggbb */
  brandColor: string;
  /** Web Chat's UI locale, e.g. de-DE. */
  locale: string;
}

/** The page's own texts in one language (header, the employee's avatar). */
type PageTexts = ReturnType<ReturnType<typeof messagesFor>['webChatPage']>;

/**
 * What the widget reads from `GET /webchat/config`: the branding, and per language its locale and the
 * page's own texts, so that the page can follow the conversation's language (public/embed.js).
 */
export function webChatSettings(branding: WebChatBranding): WebChatBranding & { languages: Record<Language, { locale: string; texts: PageTexts }> } {
  const languages = Object.fromEntries(LANGUAGES.map((language) => [language, { locale: localeOf(language), texts: messagesFor(language).webChatPage() }]));
  return { ...branding, languages: languages as Record<Language, { locale: string; texts: PageTexts }> };
}

export interface WebChatDependencies {
  channel: DirectLineChannel;
  tokens: DirectLineTokens;
  branding: WebChatBranding;
  /** Pages of other origins (e.g. the intranet) that may fetch tokens for the embedded widget. */
  allowedOrigins: string[];
  /** Folder of index.html and embed.js. */
  publicDir: string;
  /** The Web Chat bundle, e.g. node_modules/botframework-webchat/dist/webchat.js. */
  webChatBundle: string;
  /** The PNG served as the page's icon. */
  icon: string;
  /** The client's address, and how many tokens one address may get (anyone may ask). */
  clientAddress: (req: Request) => string;
  tokensPerAddress: RateLimiter;
  logger: Logger;
}

/** The page needs inline styles (Web Chat's CSS-in-JS) and WebSocket connections to this origin. */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https:",
  "connect-src 'self' ws: wss:",
  "font-src 'self' data:",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'"
].join('; ');

/**
 * The web chat: `GET /` (a page with Microsoft's Web Chat), `/embed.js` (the widget other pages
 * embed), the Web Chat bundle served from node_modules, the widget's settings, and `POST /api/token`,
 * which hands the page a Direct Line token for a new conversation the way a site's backend would.
 */
export function registerWebChatRoutes(server: Server, deps: WebChatDependencies): void {
  const page = renderPage(readFileSync(path.join(deps.publicDir, 'index.html'), 'utf8'), deps.branding);
  const settings = webChatSettings(deps.branding);
  const embed = new StaticAsset(path.join(deps.publicDir, 'embed.js'), 'application/javascript; charset=utf-8', 'no-cache');
  const bundle = new StaticAsset(deps.webChatBundle, 'application/javascript; charset=utf-8', 'public, max-age=86400');
  const icon = new StaticAsset(deps.icon, 'image/png', 'public, max-age=86400');
  const allowed = new Set(deps.allowedOrigins);
  const corsFor = (req: Request): Record<string, string> => {
    const origin = req.header('origin');
    return origin && allowed.has(origin)
      ? { 'access-control-allow-origin': origin, 'access-control-allow-methods': 'POST, OPTIONS', 'access-control-allow-headers': 'content-type', vary: 'origin' }
      : { vary: 'origin' };
  };

  server.get('/', (_req: Request, res: Response, next) => {
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-cache',
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'same-origin'
    });
    res.end(page);
    next();
  });
  server.get('/embed.js', async (req: Request, res: Response) => embed.send(req, res));
  server.get('/webchat/webchat.js', async (req: Request, res: Response) => bundle.send(req, res));
  server.get('/favicon.ico', async (req: Request, res: Response) => icon.send(req, res));
  server.get('/webchat/config', (_req: Request, res: Response, next) => {
    res.header('access-control-allow-origin', '*');
    res.send(200, settings);
    next();
  });

  answerPreflights(server, (path) => path === '/api/token', corsFor);
  server.post(
    '/api/token',
    endpoint(
      async (req) => {
        withinRateLimits([deps.tokensPerAddress, deps.clientAddress(req)]);
        const conversationId = deps.channel.newConversationId();
        const userId = deps.channel.newUserId();
        return { status: 200, body: { conversationId, userId, ...deps.tokens.issue({ conversationId, userId }) } };
      },
      (error) => deps.logger.error({ err: error }, 'token request failed'),
      corsFor
    )
  );
}

/**
 * The page with the branding filled in, in the widget's default language (embed.js switches it to
 * the conversation's); names are HTML-escaped, the colour is validated config.
 */
export function renderPage(template: string, branding: WebChatBranding): string {
  const language = languageOfLocale(branding.locale, 'de');
  const values: Record<string, string> = {
    botName: escapeHtml(branding.botName),
    companyName: escapeHtml(branding.companyName),
    brandColor: branding.brandColor,
    lang: language,
    tagline: escapeHtml(messagesFor(language).webChatPage().tagline)
  };
  return template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => values[key] ?? whole);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
