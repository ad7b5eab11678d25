import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FakeConnector } from '../helpers/fakeConnector';
import { listen, messageActivity, postActivity } from '../helpers/httpServer';
import { makeTempDir } from '../helpers/tempDir';
import { makeTestApp } from '../helpers/testApp';

describe('a department notified in its Teams channel', () => {
  it('posts every new request there as an adaptive card with a link to the console', async () => {
    const connector = await new FakeConnector().start();
    const content = await makeTempDir('anlaufstelle-teams-channel-');
    const knowledgeDir = path.join(content.dir, 'knowledge');
    await cp(path.resolve(__dirname, '../../knowledge'), knowledgeDir, { recursive: true });
    const file = path.join(knowledgeDir, 'departments.json');
    const departments = JSON.parse(await readFile(file, 'utf8'));
    departments.departments.find((d: { id: string }) => d.id === 'it').teamsChannel = {
      channelId: 'msteams',
      serviceUrl: connector.url,
      conversation: { id: '19:it-support@thread.tacv2', isGroup: true, conversationType: 'channel', tenantId: 'tenant-1' },
      bot: { id: '28:anlaufstelle', name: 'Anlaufstelle' }
    };
    await writeFile(file, JSON.stringify(departments));

    const app = await makeTestApp({ KNOWLEDGE_DIR: knowledgeDir, PUBLIC_URL: 'https://anlaufstelle.example.com' });
    const server = await listen(app.server);
    const talk = (text: string) => postActivity(server.url, messageActivity(text, 'teams-notice', 'conv-teams-notice', { serviceUrl: connector.url }));
    await talk('Ich möchte mit jemandem aus der IT sprechen');
    await talk('ja');
    await app.notifier.idle();

    const [notice] = connector.activities('19:it-support@thread.tacv2');
    expect(notice.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    const card = notice.attachments[0].content;
    expect(card.body[0].text).toBe('Neue Anfrage IT-1001');
    expect(card.body[1].text).toBe('Ich möchte mit jemandem aus der IT sprechen');
    expect(card.actions[0]).toMatchObject({ type: 'Action.OpenUrl', url: expect.stringMatching(/^https:\/\/anlaufstelle\.example\.com\/staff#/) });

    await server.close();
    await app.cleanup();
    await connector.stop();
    await content.cleanup();
  });
});
