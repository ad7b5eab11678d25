import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Server } from 'restify';

/** Static files of a page: URL path → file in the page's folder and its content type. */
export type PageFiles = Record<string, { file: string; type: string }>;

/** The console's files; the dashboard page (dashboardApi.ts) loads common.js and app.css from here too. */
const FILES: PageFiles = {
  '/staff': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/staff/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/staff/common.js': { file: 'common.js', type: 'text/javascript; charset=utf-8' },
  '/staff/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/staff/app.css': { file: 'app.css', type: 'text/css; charset=utf-8' }
};

/** Everything the page loads comes from this server: no inline code, no CDN, no framing. */
const SECURITY_HEADERS = {
  'Content-Security-Policy': "default-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; object-src 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer'
};

/**
 * Serves the staff console (a static page; it talks to /api/staff/...): GET /staff, /staff/common.js,
 * /staff/app.js and /staff/app.css, read from `webDir` on each request (they are small) and
 * revalidated by the browser.
 * @param webDir the folder of index.html, common.js, app.js and app.css: the project's `web/staff`.
 */
export function registerStaffPage(server: Server, webDir: string): void {
  servePageFiles(server, webDir, FILES);
}

/**
 * Serves a staff page's files with the security headers, read from `webDir` on each request (they
 * are small) and revalidated by the browser; a missing file is a 404.
 */
export function servePageFiles(server: Server, webDir: string, files: PageFiles): void {
  for (const [route, { file, type }] of Object.entries(files)) {
    const filePath = path.join(webDir, file);
    server.get(route, async (_req, res) => {
      let body: Buffer;
      try {
        body = await readFile(filePath);
      } catch {
        res.sendRaw(404, 'Not found', { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
        return;
      }
      res.sendRaw(200, body, { 'Content-Type': type, 'Cache-Control': 'no-cache', ...SECURITY_HEADERS });
    });
  }
}
