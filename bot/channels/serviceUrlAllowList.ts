import type { AppConfig } from '../config/config';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Where the bot may send activities when /api/messages runs without Bot Framework authentication
 * (no MicrosoftAppId): then any caller chooses the `serviceUrl` the bot posts its replies and later
 * notifications to, and must not be able to make it call any host. Allowed are the URLs in
 * ALLOWED_SERVICE_URLS (a serviceUrl on the same origin, under the same path) and, outside
 * production, loopback addresses (the Bot Framework Emulator, local tests).
 * @returns undefined when authentication is on: the Bot Framework token then vouches for the serviceUrl.
 */
export function serviceUrlAllowList(config: Pick<AppConfig, 'MicrosoftAppId' | 'NODE_ENV' | 'ALLOWED_SERVICE_URLS'>): ((serviceUrl: string | undefined) => boolean) | undefined {
  if (config.MicrosoftAppId) return undefined;
  const allowed = config.ALLOWED_SERVICE_URLS.map((url) => new URL(url));
  const loopback = config.NODE_ENV !== 'production';
  return (serviceUrl) => {
    let url: URL;
    try {
      url = new URL(serviceUrl ?? '');
    } catch {
      return false;
    }
    if (loopback && LOOPBACK.has(url.hostname)) return true;
    return allowed.some((base) => base.origin === url.origin && url.pathname.startsWith(base.pathname));
  };
}
