import { spawn, type ChildProcess } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { messageActivity, postActivity } from '../helpers/httpServer';
import { makeTempDir } from '../helpers/tempDir';

const ROOT = path.resolve(__dirname, '../..');
const SECRET = 'bot-process-test-secret-0123456789abcdef';

interface BotProcess {
  url: string;
  child: ChildProcess;
  exited: Promise<number | null>;
}

/** Starts the bot the way `npm start` does (entry point, worker training), on a free port. */
async function startBot(dataDir: string): Promise<BotProcess> {
  // One process, tsx as a loader (not its CLI, which runs the bot in a child of its own that a
  // SIGKILL of the CLI would leave running): kill -9 must hit the bot itself.
  const child = spawn(process.execPath, ['--disable-warning=DEP0111', '--import', 'tsx', 'bot/index.ts'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'development', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', DIRECT_LINE_SECRET: SECRET },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the bot did not start within 60 s:\n${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk;
      const match = /Anlaufstelle listens on (http:\/\/[^\s]+) /.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1].replace('localhost', '127.0.0.1'));
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    void exited.then((code) => reject(new Error(`the bot exited with ${code}:\n${output}`)));
  });
  return { url, child, exited };
}

function rawUpgrade(url: string, target: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname, () =>
      socket.write(`GET ${target} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`)
    );
    let received = '';
    socket.on('data', (chunk) => (received += chunk));
    socket.on('close', () => resolve(received.split('\r\n')[0]));
    socket.on('error', () => resolve(received.split('\r\n')[0]));
  });
}

async function modesUnder(folder: string): Promise<Array<{ entry: string; mode: string }>> {
  const entries = await readdir(folder, { recursive: true });
  return Promise.all(entries.map(async (entry) => ({ entry: String(entry), mode: ((await stat(path.join(folder, String(entry)))).mode & 0o777).toString(8) })));
}

describe('the bot process', () => {
  it('survives the upgrade that used to crash it, keeps an acknowledged web chat message across kill -9, and keeps its files to itself', async () => {
    const { dir, cleanup } = await makeTempDir('anlaufstelle-process-');
    let bot = await startBot(dir);
    try {
      expect(await rawUpgrade(bot.url, '/v3/directline/conversations/%E0%A4%A/stream')).toBe('HTTP/1.1 400 Bad Request');
      expect(await rawUpgrade(bot.url, '/no/such/socket')).toBe('HTTP/1.1 404 Not Found');
      expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);

      // A request filed over /api/messages, and a web chat message the server acknowledged.
      await postActivity(bot.url, messageActivity('Ich möchte mit einem Mitarbeiter sprechen', 'process-user', 'process-conversation'));
      expect((await postActivity(bot.url, messageActivity('IT-Service', 'process-user', 'process-conversation'))).texts.join()).toMatch(/IT-\d+/);
      const { token, conversationId } = (await (await fetch(`${bot.url}/api/token`, { method: 'POST' })).json()) as { token: string; conversationId: string };
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      const posted = await fetch(`${bot.url}/v3/directline/conversations/${conversationId}/activities`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ type: 'message', text: 'Mein Monitor flackert', locale: 'de-DE' })
      });
      const { id } = (await posted.json()) as { id: string };
      expect(id).toMatch(/\|\d{7}$/);

      bot.child.kill('SIGKILL');
      await bot.exited;
      bot = await startBot(dir);
      const { activities } = (await (await fetch(`${bot.url}/v3/directline/conversations/${conversationId}/activities`, { headers })).json()) as {
        activities: Array<{ id: string; text?: string }>;
      };
      expect(activities.find((a) => a.id === id)?.text).toBe('Mein Monitor flackert');

      // Everything the bot wrote under DATA_DIR is for its own user only.
      const modes = await modesUnder(dir);
      expect(modes.length).toBeGreaterThan(5);
      const isFolder = async (entry: string) => (await stat(path.join(dir, entry))).isDirectory();
      for (const { entry, mode } of modes) expect([entry, mode]).toEqual([entry, (await isFolder(entry)) ? '700' : '600']);
    } finally {
      bot.child.kill('SIGKILL');
      await bot.exited;
      await cleanup();
    }
  }, 180_000);
});
