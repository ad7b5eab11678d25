import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FileInteractionLog } from '../../bot/analytics/interactionLog';
import { nextRequestNumber, requestFile } from '../../bot/requests/lowdbRequestStore';
import { generateDemoData, type DemoOptions } from './generateDemo';

/**
 * Generates the demo data set (see generateDemoData) and adds it to a data folder: the requests as
 * LowdbRequestStore keeps them (`<dataDir>/queues/requests/<number>.<id>.json`, numbers following the
 * highest one there), the events to the interaction log through FileInteractionLog. Existing requests
 * and events stay. Run it while the bot is stopped: the running bot reads the request files once.
 */
export async function writeDemoData(options: Omit<DemoOptions, 'firstNumber'> & { dataDir: string }): Promise<{ requests: number; events: number }> {
  const queues = path.join(options.dataDir, 'queues');
  await mkdir(path.join(queues, 'requests'), { recursive: true });
  const data = await generateDemoData({ ...options, firstNumber: nextRequestNumber(queues) });
  for (const request of data.requests) await writeFile(requestFile(queues, request), JSON.stringify(request));

  const log = new FileInteractionLog(path.join(options.dataDir, 'interactions'));
  for (const event of data.events) await log.record(event);
  await log.close();
  return { requests: data.requests.length, events: data.events.length };
}
