import { readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
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
    const storage = new LowdbStorage(dir);
    await storage.write({ broken: { v: 1 } });
    const [file] = await listFiles(dir);
    await writeFile(file, '{ not json');
    await expect(storage.read(['broken'])).rejects.toThrow(/"broken".*unreadable/);
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
