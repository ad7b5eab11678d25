import { spawn } from 'node:child_process';
import path from 'node:path';
import { listen } from '../helpers/httpServer';
import { makeTestApp } from '../helpers/testApp';
import { markdownWithLists } from '../../bot/channels/markdownLists';

const root = path.resolve(__dirname, '../..');

describe('npm run chat', () => {
  it('talks to the running bot: welcome, answer, and numbered suggested actions', async () => {
    const app = await makeTestApp();
    const server = await listen(app.server);
    const chat = spawn(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'bot/chat/terminalChat.ts')], {
      env: { ...process.env, BOT_URL: `${server.url}/api/messages` },
      stdio: ['pipe', 'pipe', 'pipe']
    });
    let output = '';
    chat.stdout.on('data', (chunk) => (output += chunk));
    chat.stdin.end('Ich habe mein Passwort vergessen\n1\nexit\n');
    const code = await new Promise<number | null>((resolve) => chat.on('exit', resolve));
    await server.close();
    await app.cleanup();
    expect(code).toBe(0);
    expect(output).toContain('Anlaufstelle: Hallo, ich bin die Anlaufstelle');
    expect(output).toContain(markdownWithLists(app.knowledge.entry('it-password-reset', 'de')!.answer));
    expect(output).toContain('[1] Ja, danke');
    expect(output).toContain('Anlaufstelle: Freut mich, dass ich helfen konnte!');
  });
});
