import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { FileInteractionLog } from '../../bot/analytics/interactionLog';
import { requestFile } from '../../bot/requests/lowdbRequestStore';
import { generateDemoData, type DemoOptions } from './generateDemo';

/**
 * Generates the demo data set (see generateDemoData) and adds it to a data folder: the requests as
 * LowdbRequestStore keeps them (`<dataDir>/queues/requests/<id>.json`, numbers continuing its
 * `_sequence.json`; run it while the bot is stopped, the store reads the files once), the events to the interaction log through
 * FileInteractionLog. Existing requests and events stay.
 */
export async function writeDemoData(options: Omit<DemoOptions, 'firstNumber'> & { dataDir: string }): Promise<{ requests: number; events: number }> {
  const queues = path.join(options.dataDir, 'queues');
  await mkdir(path.join(queues, 'requests'), { recursive: true });
  const sequence = new Low<{ next: number }>(new JSONFile(path.join(queues, '_sequence.json')), { next: 1001 });
  await sequence.read();
  const data = await generateDemoData({ ...options, firstNumber: sequence.data.next });

  for (const request of data.requests) await writeFile(requestFile(queues, request.id), JSON.stringify(request));
  sequence.data.next = data.nextNumber;
  await sequence.write();

  const log = new FileInteractionLog(path.join(options.dataDir, 'interactions'));
  for (const event of data.events) await log.record(event);
  await log.close();
  return { requests: data.requests.length, events: data.events.length };
}
