import { randomUUID } from 'node:crypto';
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { KeyedLock } from '../storage/keyedLock';
import type { NewServiceRequest, RequestStore, ServiceRequest } from './serviceRequest';

interface QueueFile {
  requests: ServiceRequest[];
}

interface SequenceFile {
  next: number;
}

const FIRST_NUMBER = 1001;
/** Every queue change takes this lock, so a transfer (two files) cannot interleave with another change. */
const QUEUES = 'queues';

/** Thrown for an unknown request id. */
export class RequestNotFoundError extends Error {}

/**
 * Requests in lowdb: one queue file per department (`<dir>/<department>.json`) and a sequence file
 * for the request numbers. Every change re-reads the files under a lock, so nothing written by an
 * earlier call is lost.
 */
export class LowdbRequestStore implements RequestStore {
  private readonly lock = new KeyedLock();

  /** @param directory folder of the queue files, e.g. `<DATA_DIR>/queues`. */
  constructor(
    private readonly directory: string,
    private readonly now: () => Date = () => new Date()
  ) {}

  async create(input: NewServiceRequest): Promise<ServiceRequest> {
    await mkdir(this.directory, { recursive: true });
    return this.lock.run(QUEUES, async () => {
      const sequence = await this.nextNumber();
      const at = this.now().toISOString();
      const request: ServiceRequest = {
        ...structuredClone(input),
        id: randomUUID(),
        number: `${prefixOf(input.department)}-${sequence}`,
        status: input.status ?? 'open',
        history: [{ at, type: 'created' }],
        createdAt: at,
        updatedAt: at
      };
      const db = await this.queue(input.department);
      db.data.requests.push(request);
      await db.write();
      return structuredClone(request);
    });
  }

  async get(id: string): Promise<ServiceRequest | undefined> {
    return (await this.listAll()).find((r) => r.id === id);
  }

  async update(id: string, change: (request: ServiceRequest) => void): Promise<ServiceRequest> {
    return this.lock.run(QUEUES, async () => {
      for (const department of await this.departments()) {
        const db = await this.queue(department);
        const index = db.data.requests.findIndex((r) => r.id === id);
        if (index < 0) continue;
        const request = structuredClone(db.data.requests[index]);
        change(request);
        request.updatedAt = this.now().toISOString();
        if (request.department === department) {
          db.data.requests[index] = request;
          await db.write();
        } else {
          // Write the new queue first: a crash in between leaves a duplicate, never a lost request.
          const target = await this.queue(request.department);
          target.data.requests.push(request);
          await target.write();
          db.data.requests.splice(index, 1);
          await db.write();
        }
        return structuredClone(request);
      }
      throw new RequestNotFoundError(`No request with id ${id}`);
    });
  }

  async listByDepartment(department: string): Promise<ServiceRequest[]> {
    return (await this.queue(department)).data.requests;
  }

  async listByRequester(userId: string): Promise<ServiceRequest[]> {
    return (await this.listAll()).filter((r) => r.requester.userId === userId).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  async listAll(): Promise<ServiceRequest[]> {
    const all: ServiceRequest[] = [];
    for (const department of await this.departments()) all.push(...(await this.listByDepartment(department)));
    return all.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  private async nextNumber(): Promise<number> {
    const db = new Low<SequenceFile>(new JSONFile(path.join(this.directory, '_sequence.json')), { next: FIRST_NUMBER });
    await readOrFail(db, 'sequence');
    const number = db.data.next;
    db.data.next = number + 1;
    await db.write();
    return number;
  }

  private async queue(department: string): Promise<Low<QueueFile>> {
    if (!/^[a-z][a-z0-9_-]*$/.test(department)) throw new Error(`Invalid department id "${department}"`);
    const db = new Low<QueueFile>(new JSONFile(path.join(this.directory, `${department}.json`)), { requests: [] });
    await readOrFail(db, `queue of ${department}`);
    return db;
  }

  private async departments(): Promise<string[]> {
    try {
      return (await readdir(this.directory)).filter((f) => f.endsWith('.json') && !f.startsWith('_')).map((f) => f.slice(0, -5));
    } catch {
      return [];
    }
  }
}

async function readOrFail<T>(db: Low<T>, what: string): Promise<void> {
  try {
    await db.read();
  } catch (error) {
    throw new Error(`Request store: the ${what} file is unreadable: ${(error as Error).message}`);
  }
}

function prefixOf(department: string): string {
  return department.slice(0, 3).toUpperCase();
}
