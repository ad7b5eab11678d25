import http from 'node:http';
import { startChild, type ChildServer } from './childServer';
import { activity } from './loadClient';

/** A real question, and what shows that the bot answered it from its knowledge base. */
const QUESTION = 'Ich habe mein Passwort vergessen';
const ANSWERED = /Passwort/;

function ask(baseUrl: string): Promise<string[]> {
  const body = activity(QUESTION, `startup-probe-${Date.now()}`, 'startup-probe', 'de-DE', 1);
  return new Promise((resolve, reject) => {
    const request = http.request(new URL('/api/messages', baseUrl), { method: 'POST', headers: { 'content-type': 'application/json' } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => {
        try {
          const json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          resolve((json.activities ?? []).map((a: { text?: string }) => a.text ?? ''));
        } catch {
          resolve([]);
        }
      });
    });
    request.setTimeout(5_000, () => request.destroy(new Error('timeout')));
    request.on('error', reject);
    request.end(body);
  });
}

/**
 * Starts `node <nodeArgs> dist/bot/index.js` (PORT=0, HOST=127.0.0.1, the given DATA_DIR) and measures the time
 * from spawning the process to the first FAQ answer to a real question, polling every 10 ms.
 * @returns the running bot and the start-up time in ms.
 */
export async function startBot(
  botScript: string,
  dataDir: string,
  cwd: string,
  nodeArgs: string[],
  timeoutMs = 60_000
): Promise<{ server: ChildServer; startupMs: number }> {
  const env = { DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'development', MicrosoftAppId: '' };
  const server = await startChild(botScript, env, timeoutMs, cwd, nodeArgs);
  const deadline = server.spawnedAt + timeoutMs;
  for (;;) {
    const texts = await ask(server.url).catch(() => [] as string[]);
    if (texts.some((t) => ANSWERED.test(t))) return { server, startupMs: performance.now() - server.spawnedAt };
    if (performance.now() > deadline) {
      await server.stop();
      throw new Error(`the bot did not answer "${QUESTION}" within ${timeoutMs} ms (last replies: ${texts.join(' | ')})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
