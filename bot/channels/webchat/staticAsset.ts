import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import type { Request, Response } from 'restify';

/**
 * One file served over HTTP from memory, read on first request and gzipped once (the Web Chat
 * bundle is several megabytes), with an ETag so that browsers revalidate cheaply.
 */
export class StaticAsset {
  private loaded?: Promise<{ raw: Buffer; gzip: Buffer; etag: string }>;

  constructor(
    private readonly file: string,
    private readonly contentType: string,
    private readonly cacheControl: string
  ) {}

  async send(req: Request, res: Response): Promise<void> {
    this.loaded ??= readFile(this.file).then((raw) => ({ raw, gzip: gzipSync(raw), etag: `"${createHash('sha256').update(raw).digest('base64url').slice(0, 27)}"` }));
    let asset;
    try {
      asset = await this.loaded;
    } catch {
      this.loaded = undefined;
      res.send(404, { error: 'not found' });
      return;
    }
    res.setHeader('content-type', this.contentType);
    res.setHeader('cache-control', this.cacheControl);
    res.setHeader('etag', asset.etag);
    res.setHeader('vary', 'accept-encoding');
    res.setHeader('x-content-type-options', 'nosniff');
    if (req.header('if-none-match') === asset.etag) {
      res.writeHead(304);
      res.end();
      return;
    }
    const gzip = /\bgzip\b/.test(req.header('accept-encoding') ?? '');
    const body = gzip ? asset.gzip : asset.raw;
    if (gzip) res.setHeader('content-encoding', 'gzip');
    res.setHeader('content-length', body.length);
    res.writeHead(200);
    res.end(body);
  }
}

