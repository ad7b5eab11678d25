import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ServiceRequest } from '../../bot/requests/serviceRequest';

/**
 * The requests as they are on disk (`<dataDir>/queues/requests/<id>.json`, the files LowdbRequestStore
 * writes), oldest first; only one department's when `department` is given.
 */
export async function storedRequests(dataDir: string, department?: string): Promise<ServiceRequest[]> {
  const folder = path.join(dataDir, 'queues', 'requests');
  const names = (await readdir(folder).catch(() => [] as string[])).filter((name) => name.endsWith('.json'));
  const requests = await Promise.all(names.map(async (name) => JSON.parse(await readFile(path.join(folder, name), 'utf8')) as ServiceRequest));
  return requests.filter((r) => !department || r.department === department).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.number.localeCompare(b.number));
}
