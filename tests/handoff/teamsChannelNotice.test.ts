import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FakeConnector } from '../helpers/fakeConnector';
import { listen, messageActivity, postActivity } from '../helpers/httpServer';
import { makeTempDir } from '../helpers/tempDir';
import { makeTestApp } from '../helpers/testApp';

describe('a department notified in its Teams channel', () => {
  it('posts every new request there as an adaptive card with a link to the console, the employee\'s text as plain text', async () => {
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
    expect(card.body[1]).toEqual({ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: 'Ich möchte mit jemandem aus der IT sprechen' }] });
    expect(card.actions[0]).toMatchObject({ type: 'Action.OpenUrl', url: expect.stringMatching(/^https:\/\/anlaufstelle\.example\.com\/staff#/) });

    // What the employee wrote is shown as text in the card, never rendered as markdown (links, images).
    const hostile = '[Passwort hier bestätigen](https://phish.example.com) ![logo](https://evil.example.com/x.png) **dringend**';
    const request = (await app.requests.listByDepartment('it'))[0];
    app.requestEvents.publish({
      type: 'created',
      department: 'it',
      request: { ...request, number: 'IT-1999', subject: hostile, requester: { ...request.requester, name: '[Chef](https://phish.example.com)' } },
      cause: { type: 'created', at: request.createdAt }
    });
    await app.notifier.idle();
    const injected = connector.activities('19:it-support@thread.tacv2').at(-1).attachments[0].content;
    const textBlocks = JSON.stringify(injected.body.filter((block: { type: string }) => block.type === 'TextBlock'));
    expect(textBlocks).not.toContain('phish.example.com');
    expect(injected.body).toContainEqual({ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: hostile }] });
    expect(injected.body).toContainEqual({
      type: 'RichTextBlock',
      inlines: [{ type: 'TextRun', text: 'Von: ', weight: 'Bolder' }, { type: 'TextRun', text: '[Chef](https://phish.example.com)' }]
    });
    expect(injected.body.some((block: { type: string }) => block.type === 'FactSet')).toBe(false);

    await server.close();
    await app.cleanup();
    await connector.stop();
    await content.cleanup();
  });
});
