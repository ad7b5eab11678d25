import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { LowdbCaseStore } from '../../bot/valueStreams/caseStore';
import { makeTempDir } from '../helpers/tempDir';
import { fixedClock } from '../helpers/clock';

const input = {
  streamId: 'onboarding',
  language: 'de' as const,
  requester: { userId: 'u1', name: 'Erika Muster', channelId: 'msteams', conversationId: 'c1' },
  details: { name: 'Max Neu', start: '2026-12-01' }
};

describe('LowdbCaseStore', () => {
  it('numbers cases, serves them from memory and keeps them across a restart', async () => {
    const { dir, cleanup } = await makeTempDir('anlaufstelle-cases-');
    const store = new LowdbCaseStore(path.join(dir, 'cases.json'), fixedClock());
    const first = await store.create(input, 'ONB');
    const second = await store.create({ ...input, requester: { ...input.requester, userId: 'u2' } }, 'ONB');
    await store.setTasks(first.id, { hr: 'r1', it: 'r2' });
    expect([first.number, second.number]).toEqual(['ONB-1001', 'ONB-1002']);
    (await store.get(first.id))!.tasks.hr = 'changed by a caller';
    expect((await store.listByRequester('u1')).map((c) => c.tasks)).toEqual([{ hr: 'r1', it: 'r2' }]);

    const restarted = new LowdbCaseStore(path.join(dir, 'cases.json'), fixedClock());
    expect((await restarted.get(first.id))?.tasks).toEqual({ hr: 'r1', it: 'r2' });
    expect((await restarted.create(input, 'ONB')).number).toBe('ONB-1003');
    await cleanup();
  });

  it('keeps nothing in memory that it could not write', async () => {
    const { dir, cleanup } = await makeTempDir('anlaufstelle-cases-');
    const folder = path.join(dir, 'locked');
    await mkdir(folder);
    const store = new LowdbCaseStore(path.join(folder, 'cases.json'), fixedClock());
    await store.create(input, 'ONB');
    // The folder turns into a file: the write fails (also for root, unlike a read-only folder).
    await rm(folder, { recursive: true });
    await writeFile(folder, 'not a folder');
    await expect(store.create(input, 'ONB')).rejects.toThrow();
    await rm(folder);
    await mkdir(folder);
    expect(await store.listByRequester('u1')).toHaveLength(1);
    expect((await store.create(input, 'ONB')).number).toBe('ONB-1002');
    await cleanup();
  });
});
