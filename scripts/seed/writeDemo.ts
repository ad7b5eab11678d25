import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { FileInteractionLog } from '../../bot/analytics/interactionLog';
import type { ServiceRequest } from '../../bot/requests/serviceRequest';
import { generateDemoData, type DemoOptions } from './generateDemo';

/**
 * Generates the demo data set (see generateDemoData) and adds it to a data folder: the requests to
 * the department queue files `<dataDir>/queues/<department>.json` (the files LowdbRequestStore reads,
 * numbers continuing its `_sequence.json`), the events to the interaction log through
 * FileInteractionLog. Existing requests and events stay.
 */
export async function writeDemoData(options: Omit<DemoOptions, 'firstNumber'> & { dataDir: string }): Promise<{ requests: number; events: number }> {
  const queues = path.join(options.dataDir, 'queues');
  await mkdir(queues, { recursive: true });
  const sequence = new Low<{ next: number }>(new JSONFile(path.join(queues, '_sequence.json')), { next: 1001 });
  await sequence.read();
  const data = await generateDemoData({ ...options, firstNumber: sequence.data.next });

  const byDepartment = new Map<string, ServiceRequest[]>();
  for (const request of data.requests) byDepartment.set(request.department, [...(byDepartment.get(request.department) ?? []), request]);
  for (const [department, requests] of byDepartment) {
    const queue = new Low<{ requests: ServiceRequest[] }>(new JSONFile(path.join(queues, `${department}.json`)), { requests: [] });
    await queue.read();
    queue.data.requests.push(...requests);
    queue.data.requests.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    await queue.write();
  }
  sequence.data.next = data.nextNumber;
  await sequence.write();

  const log = new FileInteractionLog(path.join(options.dataDir, 'interactions'));
  for (const event of data.events) await log.record(event);
  return { requests: data.requests.length, events: data.events.length };
}
