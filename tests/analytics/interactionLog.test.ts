import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FileInteractionLog, type QuestionEvent } from '../../bot/analytics/interactionLog';
import { makeTempDir } from '../helpers/tempDir';

function question(at: string, text: string): QuestionEvent {
  return { kind: 'question', at, conversationId: 'c1', userId: 'u1', language: 'de', text, decision: 'answer', topId: 'it-password-reset', topKind: 'faq', score: 0.9, department: 'it' };
}

describe('FileInteractionLog', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await makeTempDir('anlaufstelle-interactions-'));
  });
  afterEach(() => cleanup());

  it('appends events recorded at the same time to one file per day, each complete once record resolves', async () => {
    const log = new FileInteractionLog(dir);
    await Promise.all(Array.from({ length: 50 }, (_, i) => log.record(question(`2026-11-24T09:00:${String(i).padStart(2, '0')}Z`, `Frage ${i}`))));
    await log.record(question('2026-11-25T07:00:00Z', 'am nächsten Tag'));
    expect((await readdir(dir)).sort()).toEqual(['2026-11-24.jsonl', '2026-11-25.jsonl']);
    const lines = (await readFile(path.join(dir, '2026-11-24.jsonl'), 'utf8')).trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).text)).toEqual(Array.from({ length: 50 }, (_, i) => `Frage ${i}`));
    const listed = await log.list(new Date('2026-11-24T00:00:00Z'), new Date('2026-11-26T00:00:00Z'));
    expect(listed).toHaveLength(51);
    await log.close();
  });

  it('keeps earlier events when it starts again, and appends after them', async () => {
    const first = new FileInteractionLog(dir);
    await first.record(question('2026-11-24T09:00:00Z', 'vorher'));
    await first.close();
    const second = new FileInteractionLog(dir);
    await second.record(question('2026-11-24T10:00:00Z', 'nachher'));
    await second.close();
    const texts = (await second.list(new Date('2026-11-24T00:00:00Z'), new Date('2026-11-25T00:00:00Z'))).map((e) => (e as QuestionEvent).text);
    expect(texts).toEqual(['vorher', 'nachher']);
  });

  it('rejects the events it could not write and writes later ones', async () => {
    const blocked = path.join(dir, 'log');
    await writeFile(blocked, 'a file where the folder should be');
    const log = new FileInteractionLog(blocked);
    await expect(log.record(question('2026-11-24T09:00:00Z', 'verloren'))).rejects.toThrow();
    await rm(blocked);
    await log.record(question('2026-11-24T09:01:00Z', 'geschrieben'));
    const events = await log.list(new Date('2026-11-24T00:00:00Z'), new Date('2026-11-25T00:00:00Z'));
    expect(events.map((e) => (e as QuestionEvent).text)).toEqual(['geschrieben']);
    await log.close();
  });
});
