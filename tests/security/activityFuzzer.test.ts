import http from 'node:http';
import { Writable } from 'node:stream';
import pino from 'pino';
import { buildApp, type App } from '../../bot/index';
import { loadConfig } from '../../bot/config/config';
import { systemStopwatch } from '../../bot/clock';
import { FakeConnector } from '../helpers/fakeConnector';
import { fixedClock } from '../helpers/clock';
import { listen } from '../helpers/httpServer';
import { makeTempDir } from '../helpers/tempDir';
import { directLineSeeds, encode, messagesSeeds, mutate, pick, seededRandom, type FuzzBody } from './activityMutations';

/** Mutated activities per endpoint: a few thousand in all, a bounded part of `npm test`. */
const PER_ENDPOINT = 1500;
const SEED = 14;

interface Answer {
  status: number;
  text: string;
}

/** A POST with exactly these headers and bytes (fetch would add a content type of its own). */
function rawPost(base: string, path: string, { contentType, body }: FuzzBody, headers: Record<string, string> = {}): Promise<Answer> {
  const url = new URL(path, base);
  return new Promise((resolve) => {
    const request = http.request(
      url,
      { method: 'POST', headers: { ...(contentType ? { 'content-type': contentType } : {}), ...(body !== undefined ? { 'content-length': Buffer.byteLength(body) } : {}), ...headers } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
      }
    );
    // No answer at all (a request left hanging) counts as status 0.
    request.setTimeout(5_000, () => request.destroy(new Error('no answer within 5 s')));
    request.on('error', (error) => resolve({ status: 0, text: error.message }));
    request.end(body);
  });
}

/** Tallies status classes; 501 separately, since an unknown invoke is answered with it. */
class Tally {
  readonly counts: Record<string, number> = { '2xx': 0, '4xx': 0, '5xx': 0, '501': 0, 'no answer': 0 };
  readonly unexpected: string[] = [];

  add(status: number, sent: unknown, answer: string): void {
    if (status === 0) this.counts['no answer']++;
    else if (status === 501) this.counts['501']++;
    else this.counts[`${Math.floor(status / 100)}xx`] = (this.counts[`${Math.floor(status / 100)}xx`] ?? 0) + 1;
    const invoke = typeof sent === 'object' && sent !== null && (sent as { type?: unknown }).type === 'invoke';
    if ((status === 0 || status >= 500) && !(status === 501 && invoke)) this.unexpected.push(`${status} ${answer.slice(0, 200)} <- ${JSON.stringify(sent).slice(0, 300)}`);
  }
}

describe('fuzzer: mutated activities on /api/messages and the Direct Line activity endpoint', () => {
  let app: App;
  let server: { url: string; close: () => Promise<void> };
  let cleanup: () => Promise<void>;
  const connector = new FakeConnector();
  const turnErrors: string[] = [];
  let lastSent: unknown;

  beforeAll(async () => {
    const temp = await makeTempDir('anlaufstelle-fuzz-');
    cleanup = temp.cleanup;
    // Errors the bot logs (a failed turn) are collected: they must not happen for any input.
    const sink = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) {
          const entry = JSON.parse(line) as { level: number; msg: string; err?: { message?: string; stack?: string } };
          if (entry.level >= 50) {
            turnErrors.push(`${entry.msg}: ${entry.err?.message ?? ''}`);
            if (process.env.FUZZ_DEBUG) console.log(entry.err?.stack, '\n<-', JSON.stringify(lastSent).slice(0, 1500));
          }
        }
        done();
      }
    });
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'error',
      DATA_DIR: temp.dir,
      // The fuzzer tests robustness, not the rate limits (tests/security/directLineLimits.test.ts).
      DIRECT_LINE_POSTS_PER_MINUTE_PER_CONVERSATION: '0',
      DIRECT_LINE_POSTS_PER_MINUTE_PER_ADDRESS: '0',
      DIRECT_LINE_STARTS_PER_MINUTE_PER_ADDRESS: '0'
    });
    app = buildApp(config, { now: fixedClock(), stopwatch: systemStopwatch, logger: pino({ level: 'error' }, sink) });
    server = await listen(app.server);
    await connector.start();
  });
  afterAll(async () => {
    await server.close();
    await connector.stop();
    await app.close();
    await cleanup();
  });

  it('answers thousands of mutated activities without a 5xx (but 501 for unknown invokes), a failed turn or a crash, and normally afterwards', async () => {
    const random = seededRandom(SEED);
    const messages = new Tally();
    // Replies in the response, and to the fake connector when a mutation drops expectReplies.
    const expectReplies = connector.url;
    for (let i = 0; i < PER_ENDPOINT; i++) {
      const conversation = `fuzz-${i % 25}`;
      const sent = mutate(random, pick(random, messagesSeeds(random, { expectReplies, connector: connector.url }, conversation)));
      const wire = encode(random, sent);
      lastSent = sent;
      const { status, text } = await rawPost(server.url, '/api/messages', wire);
      messages.add(status, wire.contentType?.startsWith('application/json') ? sent : wire, text);
    }

    const directLine = new Tally();
    const conversations: Array<{ id: string; token: string }> = [];
    for (let c = 0; c < 10; c++) {
      const { token, conversationId } = (await (await fetch(`${server.url}/api/token`, { method: 'POST' })).json()) as { token: string; conversationId: string };
      const started = await fetch(`${server.url}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });
      expect(started.status).toBeLessThan(300);
      conversations.push({ id: conversationId, token });
    }
    for (let i = 0; i < PER_ENDPOINT; i++) {
      const { id, token } = conversations[i % conversations.length];
      const sent = mutate(random, pick(random, directLineSeeds(random)));
      const wire = encode(random, sent);
      lastSent = sent;
      const { status, text } = await rawPost(server.url, `/v3/directline/conversations/${encodeURIComponent(id)}/activities`, wire, { authorization: `Bearer ${token}` });
      directLine.add(status, wire.contentType?.startsWith('application/json') ? sent : wire, text);
    }
    await app.notifier.idle();

    console.log(
      [
        `fuzzer (${PER_ENDPOINT} mutated activities per endpoint, seed ${SEED}):`,
        `  /api/messages:             ${JSON.stringify(messages.counts)}`,
        `  Direct Line activities:    ${JSON.stringify(directLine.counts)}`,
        `  errors logged by the bot:  ${turnErrors.length}${turnErrors.length ? ` (e.g. ${[...new Set(turnErrors)].slice(0, 5).join(' | ')})` : ''}`
      ].join('\n')
    );
    expect(messages.unexpected.slice(0, 5)).toEqual([]);
    expect(directLine.unexpected.slice(0, 5)).toEqual([]);
    expect([...new Set(turnErrors)].slice(0, 5)).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();

    // Still answering, normally, on both endpoints.
    const after = await rawPost(server.url, '/api/messages', {
      contentType: 'application/json',
      body: JSON.stringify({
        type: 'message', text: 'Ich habe mein Passwort vergessen', channelId: 'test', serviceUrl: expectReplies, deliveryMode: 'expectReplies',
        from: { id: 'after-fuzz' }, recipient: { id: 'anlaufstelle' }, conversation: { id: 'after-fuzz' }
      })
    });
    expect(after.status).toBe(200);
    expect(after.text).toContain(app.knowledge.entry('it-password-reset', 'de')!.answer.slice(0, 40));
    const { token, conversationId } = (await (await fetch(`${server.url}/api/token`, { method: 'POST' })).json()) as { token: string; conversationId: string };
    const base = `${server.url}/v3/directline/conversations/${encodeURIComponent(conversationId)}`;
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    expect((await fetch(`${base}/activities`, { method: 'POST', headers, body: JSON.stringify({ type: 'message', text: 'Ich habe mein Passwort vergessen', locale: 'de-DE' }) })).status).toBe(200);
    const { activities } = (await (await fetch(`${base}/activities`, { headers })).json()) as { activities: Array<{ text?: string }> };
    expect(activities.map((a) => a.text ?? '').join('\n')).toContain(app.knowledge.entry('it-password-reset', 'de')!.answer.slice(0, 40));
  }, 600_000);
});
