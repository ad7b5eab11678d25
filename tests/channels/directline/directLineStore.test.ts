import { readdir, readFile, utimes } from 'node:fs/promises';
import path from 'node:path';
import type { DirectLineStore } from '../../../bot/channels/directline/directLineStore';
import { LowdbDirectLineStore } from '../../../bot/channels/directline/lowdbDirectLineStore';
import { MemoryDirectLineStore } from '../../../bot/channels/directline/memoryDirectLineStore';
import { makeTempDir } from '../../helpers/tempDir';
import { systemClock } from '../../../bot/clock';

const conversation = (id: string) => ({ id, userId: 'dl_user', locale: 'de-DE', createdAt: '2026-11-24T09:00:00.000Z' });
const message = (text: string) => ({ type: 'message', text });

describe.each([
  ['memory', async () => ({ store: new MemoryDirectLineStore(systemClock, 3) as DirectLineStore, cleanup: async () => undefined })],
  [
    'lowdb',
    async () => {
      const { dir, cleanup } = await makeTempDir('anlaufstelle-directline-');
      return { store: new LowdbDirectLineStore(dir, 3) as DirectLineStore, cleanup };
    }
  ]
])('DirectLineStore contract: %s', (_name, make) => {
  let store: DirectLineStore;
  let cleanup: () => Promise<void>;

  beforeEach(async () => ({ store, cleanup } = await make()));
  afterEach(() => cleanup());

  it('creates a conversation once and reports whether it was new', async () => {
    expect(await store.createConversation(conversation('c1'))).toEqual({ conversation: conversation('c1'), created: true });
    expect((await store.createConversation({ ...conversation('c1'), userId: 'dl_other' })).created).toBe(false);
    expect((await store.getConversation('c1'))?.userId).toBe('dl_user');
    expect(await store.getConversation('unknown')).toBeUndefined();
  });

  it('numbers activities with watermarks and ids <conversation>|<watermark>', async () => {
    await store.createConversation(conversation('c2'));
    const first = await store.appendActivity('c2', message('eins'));
    const second = await store.appendActivity('c2', message('zwei'));
    expect(first).toMatchObject({ watermark: 1, activity: { id: 'c2|0000001', text: 'eins' } });
    expect(second?.watermark).toBe(2);
    expect(await store.activitiesAfter('c2', 0)).toEqual({ activities: [first!.activity, second!.activity], watermark: 2 });
    expect(await store.activitiesAfter('c2', 1)).toEqual({ activities: [second!.activity], watermark: 2 });
    expect(await store.activitiesAfter('c2', 2)).toEqual({ activities: [], watermark: 2 });
  });

  it('keeps the newest activities only, while watermarks keep counting', async () => {
    await store.createConversation(conversation('c3'));
    for (const text of ['a', 'b', 'c', 'd', 'e']) await store.appendActivity('c3', message(text));
    const { activities, watermark } = (await store.activitiesAfter('c3', 0))!;
    expect(activities.map((a) => a.text)).toEqual(['c', 'd', 'e']);
    expect(watermark).toBe(5);
  });

  it('keeps conversations apart and knows no activities of unknown ones', async () => {
    await store.createConversation(conversation('c4'));
    await store.createConversation(conversation('c5'));
    await store.appendActivity('c4', message('nur c4'));
    expect((await store.activitiesAfter('c5', 0))!.activities).toEqual([]);
    expect(await store.appendActivity('unknown', message('x'))).toBeUndefined();
    expect(await store.activitiesAfter('unknown', 0)).toBeUndefined();
  });

  it('gives concurrent appends distinct watermarks', async () => {
    await store.createConversation(conversation('c6'));
    const appended = await Promise.all(['a', 'b', 'c'].map((text) => store.appendActivity('c6', message(text))));
    expect(appended.map((a) => a!.watermark).sort()).toEqual([1, 2, 3]);
  });

  it('removes the conversations written to before a cutoff, and keeps the others', async () => {
    await store.createConversation(conversation('c7'));
    await store.appendActivity('c7', message('hallo'));
    expect(await store.deleteInactiveSince(new Date(Date.now() - 60_000))).toBe(0);
    expect(await store.getConversation('c7')).toBeDefined();
    expect(await store.deleteInactiveSince(new Date(Date.now() + 60_000))).toBe(1);
    expect(await store.getConversation('c7')).toBeUndefined();
    expect(await store.appendActivity('c7', message('zu spät'))).toBeUndefined();
  });
});

describe('LowdbDirectLineStore retention', () => {
  it('removes only the files untouched for longer than the retention, by their modification time', async () => {
    const { dir, cleanup } = await makeTempDir('anlaufstelle-directline-');
    const store = new LowdbDirectLineStore(dir);
    await store.createConversation(conversation('old'));
    await store.createConversation(conversation('recent'));
    const files = (await readdir(dir, { recursive: true })).map(String).filter((f) => f.endsWith('.json'));
    for (const file of files) {
      const { conversation: stored } = JSON.parse(await readFile(path.join(dir, file), 'utf8'));
      if (stored.id === 'old') {
        const fortyDaysAgo = new Date(Date.now() - 40 * 24 * 3_600_000);
        await utimes(path.join(dir, file), fortyDaysAgo, fortyDaysAgo);
      }
    }
    expect(await store.deleteInactiveSince(new Date(Date.now() - 30 * 24 * 3_600_000))).toBe(1);
    expect(await store.getConversation('old')).toBeUndefined();
    expect(await store.getConversation('recent')).toBeDefined();
    await cleanup();
  });
});
