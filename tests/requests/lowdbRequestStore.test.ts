import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { LowdbRequestStore, requestFile } from '../../bot/requests/lowdbRequestStore';
import { makeTempDir } from '../helpers/tempDir';
import { newRequest } from './newRequest';
import { fixedClock } from '../helpers/clock';

describe('LowdbRequestStore on disk', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await makeTempDir('anlaufstelle-requests-'));
  });
  afterEach(() => cleanup());

  it('writes each request to its own file, so filing does not rewrite the queue', async () => {
    const store = new LowdbRequestStore(dir, fixedClock());
    const first = await store.create(newRequest('it', 'u1'));
    const second = await store.create(newRequest('it', 'u2'));
    expect((await readdir(path.join(dir, 'requests'))).sort()).toEqual([`IT-1001.${first.id}.json`, `IT-1002.${second.id}.json`]);
    expect(JSON.parse(await readFile(requestFile(dir, second), 'utf8'))).toMatchObject({ number: 'IT-1002', requester: { userId: 'u2' } });
  });

  it('skips and reports an unreadable request file, leaves it untouched and never reuses its number', async () => {
    const store = new LowdbRequestStore(dir, fixedClock());
    const kept = await store.create(newRequest('it', 'u1'));
    const broken = await store.create(newRequest('hr', 'u2'));
    await writeFile(requestFile(dir, broken), '{"id": "trunc');
    const reports: string[] = [];
    const reopened = new LowdbRequestStore(dir, fixedClock(), (message) => reports.push(message));
    expect((await reopened.listAll()).map((r) => r.id)).toEqual([kept.id]);
    expect(reports).toEqual([expect.stringContaining(`HR-1002.${broken.id}.json is unreadable`)]);
    expect(await readFile(requestFile(dir, broken), 'utf8')).toBe('{"id": "trunc');
    expect((await reopened.create(newRequest('it', 'u3'))).number).toBe('IT-1003');
  });

  it('converts queue files of the earlier format (one file per department) and keeps their numbers', async () => {
    const old = new LowdbRequestStore(path.join(dir, 'scratch'), fixedClock());
    const a = { ...(await old.create(newRequest('it', 'u1'))), number: 'IT-1041' };
    const b = { ...(await old.create(newRequest('finance', 'u2'))), number: 'FIN-1042' };
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'it.json'), JSON.stringify({ requests: [a] }, null, 2));
    await writeFile(path.join(dir, 'finance.json'), JSON.stringify({ requests: [b] }, null, 2));
    await writeFile(path.join(dir, '_sequence.json'), JSON.stringify({ next: 1043 }));

    const store = new LowdbRequestStore(dir, fixedClock());
    expect((await store.listAll()).map((r) => r.number).sort()).toEqual(['FIN-1042', 'IT-1041']);
    expect((await store.create(newRequest('hr', 'u3'))).number).toBe('HR-1043');
    expect((await readdir(dir)).filter((f) => f.endsWith('.migrated')).sort()).toEqual(['finance.json.migrated', 'it.json.migrated']);
    expect((await new LowdbRequestStore(dir, fixedClock()).listAll()).map((r) => r.number).sort()).toEqual(['FIN-1042', 'HR-1043', 'IT-1041']);
  });

  it('rejects a department id that is not a plain identifier', async () => {
    const store = new LowdbRequestStore(dir, fixedClock());
    await expect(store.create(newRequest('../etc', 'u1'))).rejects.toThrow(/Invalid department id/);
  });
});
