import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { listen, messageActivity, postActivity } from '../helpers/httpServer';
import { makeTestApp, type TestApp } from '../helpers/testApp';
import { makeTempDir } from '../helpers/tempDir';
import { markdownWithLists } from '../../bot/channels/markdownLists';

describe('POST /api/messages on a real server', () => {
  let app: TestApp;
  let server: { url: string; close: () => Promise<void> };

  beforeAll(async () => {
    app = await makeTestApp();
    server = await listen(app.server);
  });
  afterAll(async () => {
    await server.close();
    await app.cleanup();
  });

  it('answers the German password question with the password FAQ answer in the HTTP response', async () => {
    const { status, texts } = await postActivity(server.url, messageActivity('Ich habe mein Passwort vergessen', 'de-user', 'c-de'));
    expect(status).toBe(200);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain(markdownWithLists(app.knowledge.entry('it-password-reset', 'de')!.answer));
  });

  it('answers the English equivalent in English', async () => {
    const { texts } = await postActivity(server.url, messageActivity('I forgot my password', 'en-user', 'c-en'));
    expect(texts[0]).toContain(markdownWithLists(app.knowledge.entry('it-password-reset', 'en')!.answer));
  });

  it('answers nonsense with the out-of-scope offer', async () => {
    const { texts } = await postActivity(server.url, messageActivity('Wer gewinnt die Fußball-WM?', 'oos-user', 'c-oos'));
    expect(texts.join('\n')).toMatch(/keine passende Antwort|kann ich leider nichts sagen/);
    expect(texts.join('\n')).toMatch(/weiterleiten\?/);
  });

  it('reports health', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', faqEntries: { de: expect.any(Number), en: expect.any(Number) } });
  });

  it('rejects malformed JSON with 400 and keeps serving', async () => {
    const { status, json } = await postActivity(server.url, '{"type": "message", "text": ');
    expect(status).toBe(400);
    expect(json.error).toBeTruthy();
    expect((await postActivity(server.url, messageActivity('hallo', 'after-bad-json', 'c-bad'))).status).toBe(200);
  });

  it('rejects a body that is not an activity with 400', async () => {
    expect((await postActivity(server.url, { hello: 'world' })).status).toBe(400);
  });

  it('rejects an oversized body with 413', async () => {
    const { status } = await postActivity(server.url, messageActivity('x'.repeat(app.config.MAX_BODY_BYTES + 10)));
    expect(status).toBe(413);
  });

  it('answers an over-long message politely instead of processing it', async () => {
    const { status, texts } = await postActivity(server.url, messageActivity('Drucker '.repeat(400), 'long-user', 'c-long'));
    expect(status).toBe(200);
    expect(texts[0]).toMatch(/zu lang/);
  });
});

describe('state under DATA_DIR', () => {
  it('writes lowdb files and keeps the conversation across a restart', async () => {
    const { dir, cleanup } = await makeTempDir('anlaufstelle-restart-');
    const first = await makeTestApp({}, dir);
    let server = await listen(first.server);
    const conversation = 'restart-conversation';
    await postActivity(server.url, messageActivity('I would like to report an IT problem', 'restart-user', conversation));
    await server.close();
    // The first process stops (SIGTERM closes the app): its delayed state writes reach the disk.
    await first.close();
    expect((await readdir(path.join(dir, 'state'), { recursive: true })).some((f) => String(f).endsWith('.json'))).toBe(true);

    // A new process on the same folder continues the dialog where it stopped, in English.
    const second = await makeTestApp({}, dir);
    server = await listen(second.server);
    const { texts } = await postActivity(server.url, messageActivity('Printer', 'restart-user', conversation));
    expect(texts.join('\n')).toMatch(/What exactly happens/);
    await server.close();
    await second.close();
    await cleanup();
  }, 90_000);
});

describe('with Bot Framework credentials configured', () => {
  it('refuses requests without a valid token with 401', async () => {
    // CloudAdapter reports every refused request on console.error.
    const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const app = await makeTestApp({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'secret' });
    const server = await listen(app.server);
    expect((await postActivity(server.url, messageActivity('hallo'))).status).toBe(401);
    expect((await postActivity(server.url, messageActivity('hallo'), { authorization: 'Bearer not-a-jwt' })).status).toBe(401);
    expect(quiet).toHaveBeenCalled();
    quiet.mockRestore();
    await server.close();
    await app.cleanup();
  });
});
