import { listen } from '../helpers/httpServer';
import { OFFICE_HOURS } from '../helpers/clock';
import { StaffClient } from '../helpers/staffClient';
import { makeTestApp, type TestApp } from '../helpers/testApp';
import { newRequest } from '../requests/newRequest';

const DAY_MS = 24 * 3_600_000;

/** Which requests the console lists is decided by the app's clock, not the wall clock. */
describe('staff queue visibility over time', () => {
  let app: TestApp;
  let server: { url: string; close: () => Promise<void> };
  let now = OFFICE_HOURS;

  beforeAll(async () => {
    app = await makeTestApp({}, undefined, () => now);
    server = await listen(app.server);
  });
  afterAll(async () => {
    await server.close();
    await app.cleanup();
  });

  it('keeps a waiting task in its department for days and drops a resolved request after a day', async () => {
    const waiting = (await app.handoff.open({ ...newRequest('it', 'lead-1', 'Laptop bestellen'), status: 'waiting' })).request;
    const resolved = (await app.handoff.open(newRequest('it', 'emp-2', 'Drucker druckt nicht'))).request;
    await app.handoff.resolve(resolved.id, { username: 'it.agent', name: 'IT Agent' }, 'Toner getauscht');
    const it = new StaffClient(server.url);
    await it.login('it.agent');
    const listed = async () => (await it.get('/api/staff/requests')).body.requests.map((r: { number: string }) => r.number).sort();

    expect(await listed()).toEqual([resolved.number, waiting.number].sort());
    now = new Date(OFFICE_HOURS.getTime() + 3 * DAY_MS);
    await it.login('it.agent');
    expect(await listed()).toEqual([waiting.number]);
  });
});
