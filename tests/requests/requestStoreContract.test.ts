import { randomUUID } from 'node:crypto';
import { LowdbRequestStore } from '../../bot/requests/lowdbRequestStore';
import type { RequestStore } from '../../bot/requests/serviceRequest';
import { MemoryRequestStore } from '../../scripts/seed/memoryRequestStore';
import { makeTempDir } from '../helpers/tempDir';
import { newRequest } from './newRequest';

interface Subject {
  store: RequestStore;
  /** Moves the clock on by a minute. */
  tick: () => void;
  /** A second store on the same data, as after a restart; null where the data lives in memory only. */
  reopen: (() => RequestStore) | null;
  cleanup: () => Promise<void>;
}

function clock() {
  let at = Date.parse('2026-11-24T09:00:00Z');
  return { now: () => new Date(at), tick: () => (at += 60_000) };
}

const implementations: Array<[string, () => Promise<Subject>]> = [
  [
    'MemoryRequestStore (demo seed)',
    async () => {
      const { now, tick } = clock();
      return { store: new MemoryRequestStore(now, randomUUID, 1001), tick, reopen: null, cleanup: async () => undefined };
    }
  ],
  [
    'LowdbRequestStore',
    async () => {
      const { dir, cleanup } = await makeTempDir('anlaufstelle-requests-');
      const { now, tick } = clock();
      return { store: new LowdbRequestStore(dir, now), tick, reopen: () => new LowdbRequestStore(dir, now), cleanup };
    }
  ]
];

describe.each(implementations)('RequestStore contract: %s', (_name, make) => {
  let subject: Subject;
  beforeEach(async () => {
    subject = await make();
  });
  afterEach(() => subject.cleanup());

  it('files a new request as open, with a department-prefixed number from one sequence and a "created" event', async () => {
    const first = await subject.store.create(newRequest('it', 'u1'));
    subject.tick();
    const second = await subject.store.create(newRequest('hr', 'u1'));
    expect(first).toMatchObject({ number: 'IT-1001', status: 'open', department: 'it', subject: 'Drucker druckt nicht' });
    expect(second.number).toBe('HR-1002');
    expect(first.history).toEqual([{ at: '2026-11-24T09:00:00.000Z', type: 'created' }]);
    expect(await subject.store.get(first.id)).toEqual(first);
  });

  it('gives concurrent requests distinct numbers', async () => {
    const created = await Promise.all(Array.from({ length: 20 }, (_, i) => subject.store.create(newRequest(i % 2 ? 'it' : 'facility', `u${i}`))));
    expect(new Set(created.map((r) => r.number.split('-')[1])).size).toBe(20);
    expect(await subject.store.listAll()).toHaveLength(20);
  });

  it('knows nothing of an unknown id and refuses to update it', async () => {
    expect(await subject.store.get('00000000-0000-4000-8000-000000000000')).toBeUndefined();
    await expect(subject.store.update('00000000-0000-4000-8000-000000000000', () => undefined)).rejects.toThrow(/No request/);
  });

  it('applies an update and stamps updatedAt; a refused change (throwing) leaves the request as it was', async () => {
    const request = await subject.store.create(newRequest('it', 'u1'));
    subject.tick();
    const claimed = await subject.store.update(request.id, (r) => {
      r.status = 'in_progress';
      r.assignee = { username: 'it.agent', name: 'Ina Technik' };
    });
    expect(claimed).toMatchObject({ status: 'in_progress', assignee: { username: 'it.agent' }, updatedAt: '2026-11-24T09:01:00.000Z' });
    await expect(
      subject.store.update(request.id, (r) => {
        r.status = 'resolved';
        throw new Error('already claimed');
      })
    ).rejects.toThrow('already claimed');
    expect((await subject.store.get(request.id))?.status).toBe('in_progress');
  });

  it('moves a request to the other queue when its department changes', async () => {
    const request = await subject.store.create(newRequest('it', 'u1'));
    await subject.store.update(request.id, (r) => {
      r.department = 'hr';
    });
    expect(await subject.store.listByDepartment('it')).toEqual([]);
    expect((await subject.store.listByDepartment('hr')).map((r) => r.id)).toEqual([request.id]);
  });

  it("lists a department's queue oldest first, a requester's requests newest first, and everything oldest first", async () => {
    const a = await subject.store.create(newRequest('it', 'u1', 'A'));
    subject.tick();
    const b = await subject.store.create(newRequest('hr', 'u2', 'B'));
    subject.tick();
    const c = await subject.store.create(newRequest('it', 'u1', 'C'));
    expect((await subject.store.listByDepartment('it')).map((r) => r.subject)).toEqual(['A', 'C']);
    expect((await subject.store.listByRequester('u1')).map((r) => r.id)).toEqual([c.id, a.id]);
    expect((await subject.store.listByRequester('nobody'))).toEqual([]);
    expect((await subject.store.listAll()).map((r) => r.id)).toEqual([a.id, b.id, c.id]);
  });

  it('does not let a caller change a stored request by editing what it got back', async () => {
    const request = await subject.store.create(newRequest('it', 'u1'));
    const copy = await subject.store.get(request.id);
    try {
      (copy as { subject: string }).subject = 'changed';
    } catch {
      // frozen snapshots throw in strict mode; copies simply diverge
    }
    expect((await subject.store.get(request.id))?.subject).toBe('Drucker druckt nicht');
  });

  it('keeps every request and the number sequence across a restart', async () => {
    if (!subject.reopen) return;
    const request = await subject.store.create(newRequest('it', 'u1'));
    await subject.store.update(request.id, (r) => {
      r.status = 'resolved';
    });
    const reopened = subject.reopen();
    expect(await reopened.get(request.id)).toMatchObject({ status: 'resolved', number: 'IT-1001' });
    expect((await reopened.create(newRequest('facility', 'u2'))).number).toBe('FAC-1002');
  });
});
