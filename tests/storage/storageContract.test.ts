import { MemoryStorage, type Storage } from 'botbuilder';
import { LowdbStorage } from '../../bot/storage/lowdbStorage';
import { makeTempDir } from '../helpers/tempDir';

interface Subject {
  storage: Storage;
  /** A second handle on the same data, as after a restart (the first one closed); null where the data lives in memory only. */
  reopen: (() => Promise<Storage>) | null;
  cleanup: () => Promise<void>;
}

const implementations: Array<[string, () => Promise<Subject>]> = [
  ['MemoryStorage', async () => ({ storage: new MemoryStorage(), reopen: null, cleanup: async () => undefined })],
  [
    'LowdbStorage',
    async () => {
      const { dir, cleanup } = await makeTempDir();
      const storage = new LowdbStorage(dir);
      return { storage, reopen: async () => (await storage.close(), new LowdbStorage(dir)), cleanup };
    }
  ],
  [
    'LowdbStorage with delayed writes',
    async () => {
      const { dir, cleanup } = await makeTempDir();
      const storage = new LowdbStorage(dir, { writeDelayMs: 50, cacheSize: 10 });
      return {
        storage,
        reopen: async () => (await storage.close(), new LowdbStorage(dir, { writeDelayMs: 50, cacheSize: 10 })),
        cleanup: async () => (await storage.close(), await cleanup())
      };
    }
  ]
];

describe.each(implementations)('Storage contract: %s', (_name, make) => {
  let subject: Subject;
  beforeEach(async () => {
    subject = await make();
  });
  afterEach(() => subject.cleanup());

  it('reads nothing for keys never written', async () => {
    expect(await subject.storage.read(['missing'])).toEqual({});
  });

  it('returns what was written, with an eTag', async () => {
    await subject.storage.write({ a: { name: 'Anna', count: 1, nested: { list: [1, 2] } } });
    const { a } = await subject.storage.read(['a']);
    expect(a).toMatchObject({ name: 'Anna', count: 1, nested: { list: [1, 2] } });
    expect(typeof a.eTag).toBe('string');
  });

  it('reads several keys at once and skips the missing ones', async () => {
    await subject.storage.write({ a: { v: 1 }, b: { v: 2 } });
    const items = await subject.storage.read(['a', 'b', 'c']);
    expect(Object.keys(items).sort()).toEqual(['a', 'b']);
    expect(items.b.v).toBe(2);
  });

  it('changes the eTag on every write', async () => {
    await subject.storage.write({ a: { v: 1 } });
    const first = (await subject.storage.read(['a'])).a;
    await subject.storage.write({ a: { ...first, v: 2 } });
    const second = (await subject.storage.read(['a'])).a;
    expect(second.v).toBe(2);
    expect(second.eTag).not.toBe(first.eTag);
  });

  it('rejects a write with a stale eTag and keeps the stored item', async () => {
    await subject.storage.write({ a: { v: 1 } });
    const stale = (await subject.storage.read(['a'])).a;
    await subject.storage.write({ a: { ...stale, v: 2 } });
    await expect(subject.storage.write({ a: { ...stale, v: 3 } })).rejects.toThrow(/eTag/);
    expect((await subject.storage.read(['a'])).a.v).toBe(2);
  });

  it('overwrites with eTag "*" or without eTag', async () => {
    await subject.storage.write({ a: { v: 1 } });
    await subject.storage.write({ a: { v: 2, eTag: '*' } });
    expect((await subject.storage.read(['a'])).a.v).toBe(2);
    await subject.storage.write({ a: { v: 3 } });
    expect((await subject.storage.read(['a'])).a.v).toBe(3);
  });

  it('lets exactly one of two concurrent writers with the same eTag win', async () => {
    await subject.storage.write({ a: { v: 0 } });
    const base = (await subject.storage.read(['a'])).a;
    const results = await Promise.allSettled([
      subject.storage.write({ a: { ...base, v: 1 } }),
      subject.storage.write({ a: { ...base, v: 2 } })
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect([1, 2]).toContain((await subject.storage.read(['a'])).a.v);
  });

  it('deletes keys, and deleting a missing key is no error', async () => {
    await subject.storage.write({ a: { v: 1 }, b: { v: 2 } });
    await subject.storage.delete(['a', 'never-there']);
    expect(Object.keys(await subject.storage.read(['a', 'b']))).toEqual(['b']);
  });

  it('does not let a caller change stored data through the object it wrote', async () => {
    const item = { list: [1] };
    await subject.storage.write({ a: item });
    item.list.push(2);
    expect((await subject.storage.read(['a'])).a.list).toEqual([1]);
  });

  it('keeps keys with slashes and unicode apart', async () => {
    await subject.storage.write({ 'msteams/conversations/a:b/': { v: 'x' }, 'webchat/users/Jürgen': { v: 'y' } });
    const items = await subject.storage.read(['msteams/conversations/a:b/', 'webchat/users/Jürgen']);
    expect(items['msteams/conversations/a:b/'].v).toBe('x');
    expect(items['webchat/users/Jürgen'].v).toBe('y');
  });

  it('keeps the data across a restart where it is persistent', async () => {
    if (!subject.reopen) return;
    await subject.storage.write({ a: { v: 'kept' } });
    const reopened = await subject.reopen();
    expect((await reopened.read(['a'])).a.v).toBe('kept');
  });
});
