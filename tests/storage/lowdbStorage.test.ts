import { readdir, readFile, writeFile, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { LowdbStorage } from '../../bot/storage/lowdbStorage';
import { makeTempDir } from '../helpers/tempDir';

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath ?? (e as any).path, e.name));
}

describe('LowdbStorage on disk', () => {
  it('writes one file per key, so a turn never rewrites other conversations', async () => {
    const { dir, cleanup } = await makeTempDir();
    const storage = new LowdbStorage(dir);
    await storage.write({ c1: { v: 1 }, c2: { v: 2 } });
    const files = await listFiles(dir);
    expect(files).toHaveLength(2);
    const before = await Promise.all(files.map((f) => readFile(f, 'utf8')));
    const c1 = (await storage.read(['c1'])).c1;
    await storage.write({ c1: { ...c1, v: 10 } });
    const after = await Promise.all(files.map((f) => readFile(f, 'utf8')));
    expect(after.filter((text, i) => text !== before[i])).toHaveLength(1);
    expect(after.some((text) => JSON.parse(text).key === 'c1' && JSON.parse(text).item.v === 10)).toBe(true);
    await cleanup();
  });

  it('reports an unreadable state file with its key instead of returning empty state', async () => {
    const { dir, cleanup } = await makeTempDir();
    await new LowdbStorage(dir).write({ broken: { v: 1 } });
    const [file] = await listFiles(dir);
    await writeFile(file, '{ not json');
    await expect(new LowdbStorage(dir).read(['broken'])).rejects.toThrow(/"broken".*unreadable/);
    await cleanup();
  });

  it('with delayed writes, writes a conversation\'s turns once, after the delay, and everything pending on close', async () => {
    const { dir, cleanup } = await makeTempDir();
    const storage = new LowdbStorage(dir, { writeDelayMs: 40 });
    await storage.write({ c1: { turn: 1 } });
    await storage.write({ c1: { turn: 2 }, u1: { language: 'de' } });
    expect(await listFiles(dir)).toEqual([]);
    expect((await storage.read(['c1'])).c1.turn).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 120));
    const files = await listFiles(dir);
    expect(files).toHaveLength(2);
    expect((await new LowdbStorage(dir).read(['c1', 'u1'])).c1.turn).toBe(2);

    await storage.write({ c1: { turn: 3 } });
    await storage.close();
    expect((await new LowdbStorage(dir).read(['c1'])).c1.turn).toBe(3);
    await cleanup();
  });

  it('keeps unwritten changes in memory when the cache is full, and forgets written ones', async () => {
    const { dir, cleanup } = await makeTempDir();
    const storage = new LowdbStorage(dir, { writeDelayMs: 10_000, cacheSize: 10 });
    for (let i = 0; i < 30; i++) await storage.write({ [`k${i}`]: { i } });
    expect(Object.keys(await storage.read(Array.from({ length: 30 }, (_, i) => `k${i}`)))).toHaveLength(30);
    await storage.close();
    expect(await listFiles(dir)).toHaveLength(30);
    // Written records leave memory: a changed file is read again.
    const [file] = await listFiles(dir);
    const { key } = JSON.parse(await readFile(file, 'utf8'));
    for (let i = 0; i < 30; i++) await storage.read([`other${i}`]);
    await writeFile(file, JSON.stringify({ key, item: { i: 'edited', eTag: 'x' } }));
    expect((await storage.read([key]))[key].i).toBe('edited');
    await cleanup();
  });

  it('reports a delayed write that failed and writes it with the next flush', async () => {
    const { dir, cleanup } = await makeTempDir();
    const blocked = path.join(dir, 'state');
    await writeFile(blocked, 'a file where the folder should be');
    const reports: Error[] = [];
    const storage = new LowdbStorage(blocked, { writeDelayMs: 10_000, report: (error) => reports.push(error) });
    await storage.write({ c1: { v: 1 } });
    await storage.flush();
    expect(reports.map((e) => e.message)).toEqual([expect.stringMatching(/could not write state "c1"/)]);
    expect((await storage.read(['c1'])).c1.v).toBe(1);
    await rm(blocked);
    await storage.close();
    expect((await new LowdbStorage(blocked).read(['c1'])).c1.v).toBe(1);
    await cleanup();
  });

  it('leaves no temporary files behind after writes', async () => {
    const { dir, cleanup } = await makeTempDir();
    const storage = new LowdbStorage(dir);
    for (let i = 0; i < 20; i++) await storage.write({ [`k${i % 3}`]: { i } });
    const files = await listFiles(dir);
    expect(files.every((f) => f.endsWith('.json') && !path.basename(f).startsWith('.'))).toBe(true);
    expect(files).toHaveLength(3);
    await cleanup();
  });

  it('creates its folder on first write', async () => {
    const { dir, cleanup } = await makeTempDir();
    const nested = path.join(dir, 'a', 'b');
    await mkdir(dir, { recursive: true });
    await new LowdbStorage(nested).write({ k: { v: 1 } });
    expect(await listFiles(nested)).toHaveLength(1);
    await cleanup();
  });
});
