import { appendFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { DirectLineStore } from '../../../bot/channels/directline/directLineStore';
import { FileDirectLineStore } from '../../../bot/channels/directline/fileDirectLineStore';
import { MemoryDirectLineStore } from '../../../bot/channels/directline/memoryDirectLineStore';
import { makeTempDir } from '../../helpers/tempDir';
import { systemClock, type Clock } from '../../../bot/clock';
import { OFFICE_HOURS } from '../../helpers/clock';

const conversation = (id: string) => ({ id, userId: 'dl_user', locale: 'de-DE', createdAt: '2026-11-24T09:00:00.000Z' });
const message = (text: string) => ({ type: 'message', text });

/** Small pages, so that the contract can show them: two activities of 400 characters fit, three do not. */
const PAGE_BYTES = 1200;

describe.each([
  ['memory', async () => ({ store: new MemoryDirectLineStore(systemClock, 3, PAGE_BYTES) as DirectLineStore, cleanup: async () => undefined })],
  [
    'file',
    async () => {
      const { dir, cleanup } = await makeTempDir('anlaufstelle-directline-');
      return { store: new FileDirectLineStore(dir, systemClock, { maxActivities: 3, maxPageBytes: PAGE_BYTES }) as DirectLineStore, cleanup };
    }
  ],
  [
    'file, segments of two activities',
    async () => {
      const { dir, cleanup } = await makeTempDir('anlaufstelle-directline-');
      return { store: new FileDirectLineStore(dir, systemClock, { maxActivities: 3, segmentSize: 2, maxPageBytes: PAGE_BYTES }) as DirectLineStore, cleanup };
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

  it('answers a read in pages of at most maxPageBytes: the watermark of the page, then the rest from there', async () => {
    await store.createConversation(conversation('paged'));
    for (const letter of ['a', 'b', 'c']) await store.appendActivity('paged', message(letter.repeat(400)));
    const first = (await store.activitiesAfter('paged', 0))!;
    expect([first.activities.map((a) => a.text![0]), first.watermark]).toEqual([['a', 'b'], 2]);
    const rest = (await store.activitiesAfter('paged', first.watermark))!;
    expect([rest.activities.map((a) => a.text![0]), rest.watermark]).toEqual([['c'], 3]);
    // One activity larger than a page still comes, alone.
    await store.appendActivity('paged', message('d'.repeat(5000)));
    expect((await store.activitiesAfter('paged', 3))!.activities.map((a) => a.text![0])).toEqual(['d']);
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

/** A clock the test moves by hand. */
function movableClock(start: Date): Clock & { advanceDays(days: number): void } {
  let at = start.getTime();
  const clock = (() => new Date(at)) as Clock & { advanceDays(days: number): void };
  clock.advanceDays = (days) => (at += days * 24 * 3_600_000);
  return clock;
}

const DAY = 24 * 3_600_000;

describe('FileDirectLineStore', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await makeTempDir('anlaufstelle-directline-')));
  afterEach(() => cleanup());

  const segmentFiles = async () => (await readdir(dir, { recursive: true })).map(String).filter((f) => f.endsWith('.jsonl'));

  it('removes conversations by the app clock\'s time of their last activity, not by file times', async () => {
    const clock = movableClock(OFFICE_HOURS);
    const store = new FileDirectLineStore(dir, clock);
    await store.createConversation({ ...conversation('old'), createdAt: clock().toISOString() });
    await store.appendActivity('old', message('lange her'));
    clock.advanceDays(25);
    await store.createConversation({ ...conversation('recent'), createdAt: clock().toISOString() });
    await store.createConversation({ ...conversation('written-to'), createdAt: new Date(OFFICE_HOURS.getTime() - 60 * DAY).toISOString() });
    await store.appendActivity('written-to', message('gerade eben'));
    clock.advanceDays(10);
    // A fresh instance (after a restart) reads the times from the files the first one wrote.
    const restarted = new FileDirectLineStore(dir, clock);
    expect(await restarted.deleteInactiveSince(new Date(clock().getTime() - 30 * DAY))).toBe(1);
    expect(await restarted.getConversation('old')).toBeUndefined();
    expect(await restarted.getConversation('recent')).toBeDefined();
    expect(await restarted.getConversation('written-to')).toBeDefined();
  });

  it('appends one line per activity and keeps only the segments of the newest activities, however long the conversation', async () => {
    const store = new FileDirectLineStore(dir, systemClock, { maxActivities: 10, segmentSize: 5 });
    await store.createConversation(conversation('long'));
    for (let i = 1; i <= 400; i++) await store.appendActivity('long', message(`m${i}`));
    // 10 kept activities span at most three segments of five, plus the one being written.
    expect((await segmentFiles()).length).toBeLessThanOrEqual(4);
    const { activities, watermark } = (await store.activitiesAfter('long', 0))!;
    expect(activities.map((a) => a.text)).toEqual(Array.from({ length: 10 }, (_, i) => `m${391 + i}`));
    expect(watermark).toBe(400);
  });

  it('continues after a restart from the newest segment alone, without reading older ones', async () => {
    const store = new FileDirectLineStore(dir, systemClock, { maxActivities: 1000, segmentSize: 5 });
    await store.createConversation(conversation('restart'));
    for (let i = 1; i <= 23; i++) await store.appendActivity('restart', message(`m${i}`));
    // Older segments made unreadable: a post and a read of what is new must not touch them.
    const files = (await segmentFiles()).sort();
    for (const file of files.slice(0, -1)) await writeFile(path.join(dir, file), 'not json at all');
    const restarted = new FileDirectLineStore(dir, systemClock, { maxActivities: 1000, segmentSize: 5 });
    expect((await restarted.appendActivity('restart', message('m24')))?.watermark).toBe(24);
    expect((await restarted.activitiesAfter('restart', 21))!.activities.map((a) => a.text)).toEqual(['m22', 'm23', 'm24']);
  });

  it('drops a line cut short by a crash (it was never acknowledged) and appends cleanly after it', async () => {
    const store = new FileDirectLineStore(dir, systemClock);
    await store.createConversation(conversation('torn'));
    await store.appendActivity('torn', message('eins'));
    const [segment] = await segmentFiles();
    await appendFile(path.join(dir, segment), '{"w":2,"at":1,"a":{"type":"mess');
    const restarted = new FileDirectLineStore(dir, systemClock);
    expect((await restarted.appendActivity('torn', message('zwei')))?.watermark).toBe(2);
    expect((await restarted.activitiesAfter('torn', 0))!.activities.map((a) => a.text)).toEqual(['eins', 'zwei']);
  });

  it('converts a conversation file of the earlier store (one JSON file per conversation) on first use', async () => {
    const hash = createHash('sha256').update('legacy').digest('hex');
    await mkdir(path.join(dir, hash.slice(0, 2)), { recursive: true });
    const activities = [7, 8].map((watermark) => ({ watermark, activity: { type: 'message', text: `alt ${watermark}`, id: `legacy|000000${watermark}` } }));
    await writeFile(path.join(dir, hash.slice(0, 2), `${hash.slice(2, 40)}.json`), JSON.stringify({ conversation: conversation('legacy'), next: 9, activities }));
    const store = new FileDirectLineStore(dir, systemClock);
    expect((await store.getConversation('legacy'))?.userId).toBe('dl_user');
    expect((await store.appendActivity('legacy', message('neu')))?.watermark).toBe(9);
    expect((await store.activitiesAfter('legacy', 0))!.activities.map((a) => a.text)).toEqual(['alt 7', 'alt 8', 'neu']);
    expect((await readdir(path.join(dir, hash.slice(0, 2)))).filter((f) => f.endsWith('.json'))).toEqual([]);
    expect(JSON.parse(await readFile(path.join(dir, hash.slice(0, 2), hash.slice(2, 40), 'conversation.json'), 'utf8')).conversation.id).toBe('legacy');
  });
});
