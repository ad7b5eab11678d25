import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { TextFileSync } from 'lowdb/node';
import { KeyedLock } from '../storage/keyedLock';
import { deepFreeze } from '../util/deepFreeze';
import type { NewServiceRequest, RequestStore, ServiceRequest } from './serviceRequest';
import type { Clock } from '../clock';

const FIRST_NUMBER = 1001;
/** Written by earlier versions; still read, so numbers never go back. */
const SEQUENCE_FILE = '_sequence.json';
const REQUESTS_FOLDER = 'requests';
/** `IT-1042.<uuid>.json`: the number is in the name, so even an unreadable file keeps its number taken. */
const FILE_NAME = /^[A-Z0-9_-]+-(\d+)\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.json$/;

/** Thrown for an unknown request id. */
export class RequestNotFoundError extends Error {}

/** The file a request is stored in: `<directory>/requests/<number>.<id>.json`. */
export function requestFile(directory: string, request: Pick<ServiceRequest, 'id' | 'number'>): string {
  return path.join(directory, REQUESTS_FOLDER, `${request.number}.${request.id}.json`);
}

/**
 * The number the next request gets in a store folder: one more than the highest number among the
 * request files (and the sequence file earlier versions wrote), 1001 in an empty folder.
 */
export function nextRequestNumber(directory: string): number {
  let files: string[] = [];
  try {
    files = readdirSync(path.join(directory, REQUESTS_FOLDER));
  } catch {
    // no requests yet
  }
  return nextNumberAfter(directory, files);
}

/** One more than the highest number among these request file names and the old sequence file. */
function nextNumberAfter(directory: string, files: readonly string[]): number {
  let next = readSequence(path.join(directory, SEQUENCE_FILE));
  for (const file of files) {
    const name = FILE_NAME.exec(file);
    if (name) next = Math.max(next, Number(name[1]) + 1);
  }
  return next;
}

/**
 * Requests in lowdb files: one file per request (`<dir>/requests/<number>.<id>.json`, replaced
 * atomically on every change).
 *
 * Why one file per request: filing or changing a request writes a few KB, however long the queues
 * are, and a transfer to another department is one atomic write. The next number follows the highest
 * number among the file names, so filing writes nothing else. The write is synchronous (a few KB into
 * the page cache, then a rename): asynchronously it took four trips through libuv's thread pool, and
 * under load each trip waited for the busy event loop, so filing a ticket took 35–70 ms instead of 20.
 *
 * The files are read once, on first use; after that this process serves every read from memory, so
 * the store belongs to one bot process (several instances need a shared implementation of {@link RequestStore}, e.g. PostgreSQL).
 * Returned requests are frozen snapshots: a change goes through {@link update}.
 *
 * Queue files of the earlier format (`<dir>/<department>.json` with `{ requests: [...] }`) are
 * converted on first use and renamed to `<department>.json.migrated`.
 */
export class LowdbRequestStore implements RequestStore {
  private readonly lock = new KeyedLock();
  private loaded?: Loaded;

  /**
   * @param directory folder of the store, e.g. `<DATA_DIR>/queues`.
   * @param report told about request files that cannot be read; they are skipped and left untouched.
   */
  constructor(
    private readonly directory: string,
    private readonly now: Clock,
    private readonly report: (message: string) => void = (message) => console.error(message)
  ) {}

  async create(input: NewServiceRequest): Promise<ServiceRequest> {
    const store = await this.load();
    validDepartment(input.department);
    const sequence = store.next++;
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
    return this.lock.run(request.id, () => this.save(store, request));
  }

  async get(id: string): Promise<ServiceRequest | undefined> {
    return (await this.load()).byId.get(id);
  }

  async update(id: string, change: (request: ServiceRequest) => void): Promise<ServiceRequest> {
    const store = await this.load();
    return this.lock.run(id, async () => {
      const current = store.byId.get(id);
      if (!current) throw new RequestNotFoundError(`No request with id ${id}`);
      const request = structuredClone(current) as ServiceRequest;
      change(request);
      validDepartment(request.department);
      request.id = id;
      request.updatedAt = this.now().toISOString();
      return this.save(store, request);
    });
  }

  async listByDepartment(department: string): Promise<ServiceRequest[]> {
    validDepartment(department);
    return (await this.listAll()).filter((r) => r.department === department);
  }

  async listByRequester(userId: string): Promise<ServiceRequest[]> {
    const store = await this.load();
    const ids = store.byRequester.get(userId) ?? [];
    return ids
      .map((id) => store.byId.get(id)!)
      .filter((r) => r.requester.userId === userId)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  async listAll(): Promise<ServiceRequest[]> {
    // Map order is creation order in this process; sorting keeps "oldest first" for loaded files too.
    return [...(await this.load()).byId.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  private async save(store: Loaded, request: ServiceRequest): Promise<ServiceRequest> {
    new TextFileSync(requestFile(this.directory, request)).write(JSON.stringify(request));
    const frozen = deepFreeze(request);
    const isNew = !store.byId.has(request.id);
    store.byId.set(request.id, frozen);
    if (isNew || !(store.byRequester.get(request.requester.userId) ?? []).includes(request.id)) index(store, frozen);
    return frozen;
  }

  /** Reads every request file once (synchronously: a few ms per thousand small files) and converts old queue files. */
  private async load(): Promise<Loaded> {
    if (this.loaded) return this.loaded;
    const folder = path.join(this.directory, REQUESTS_FOLDER);
    mkdirSync(folder, { recursive: true });
    const files = readdirSync(folder);
    const store: Loaded = { byId: new Map(), byRequester: new Map(), next: nextNumberAfter(this.directory, files) };
    const found: ServiceRequest[] = [];
    for (const file of files) {
      if (!FILE_NAME.test(file)) continue;
      const request = this.readRequest(path.join(folder, file));
      if (request) found.push(request);
    }
    found.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    for (const request of found) {
      store.byId.set(request.id, deepFreeze(request));
      index(store, request);
    }
    this.loaded = store;
    await this.migrateQueueFiles(store);
    return store;
  }

  private readRequest(file: string): ServiceRequest | undefined {
    try {
      const request = JSON.parse(readFileSync(file, 'utf8')) as ServiceRequest;
      if (typeof request?.id !== 'string' || typeof request.department !== 'string' || typeof request.requester?.userId !== 'string') {
        throw new Error('not a request (id, department or requester missing)');
      }
      return request;
    } catch (error) {
      this.report(`Request store: ${file} is unreadable and was skipped (the file is left as it is): ${(error as Error).message}`);
      return undefined;
    }
  }

  private async migrateQueueFiles(store: Loaded): Promise<void> {
    const queueFiles = readdirSync(this.directory).filter((f) => f.endsWith('.json') && !f.startsWith('_'));
    for (const name of queueFiles) {
      const file = path.join(this.directory, name);
      let requests: ServiceRequest[];
      try {
        requests = (JSON.parse(readFileSync(file, 'utf8')) as { requests: ServiceRequest[] }).requests;
        if (!Array.isArray(requests)) throw new Error('no "requests" array');
      } catch (error) {
        this.report(`Request store: the old queue file ${file} is unreadable and was not converted: ${(error as Error).message}`);
        continue;
      }
      for (const request of requests) {
        if (store.byId.has(request.id)) continue;
        await this.save(store, request);
        store.next = Math.max(store.next, numberOf(request) + 1);
      }
      if (existsSync(file)) renameSync(file, `${file}.migrated`);
    }
  }
}

interface Loaded {
  byId: Map<string, ServiceRequest>;
  /** Request ids per requester; a stale entry (requester changed) is filtered on read. */
  byRequester: Map<string, string[]>;
  next: number;
}

function index(store: Loaded, request: ServiceRequest): void {
  const ids = store.byRequester.get(request.requester.userId);
  if (ids) ids.push(request.id);
  else store.byRequester.set(request.requester.userId, [request.id]);
}

function readSequence(file: string): number {
  try {
    const next = Number((JSON.parse(readFileSync(file, 'utf8')) as { next?: unknown }).next);
    return Number.isInteger(next) && next >= FIRST_NUMBER ? next : FIRST_NUMBER;
  } catch {
    return FIRST_NUMBER;
  }
}

/** The running number of "IT-1042" (1042); 0 when the number has another form. */
function numberOf(request: ServiceRequest): number {
  const match = /-(\d+)$/.exec(request.number ?? '');
  return match ? Number(match[1]) : 0;
}

function validDepartment(department: string): void {
  if (!/^[a-z][a-z0-9_-]*$/.test(department)) throw new Error(`Invalid department id "${department}"`);
}

function prefixOf(department: string): string {
  return department.slice(0, 3).toUpperCase();
}
