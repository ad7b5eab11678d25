import { listen, messageActivity, postActivity } from '../helpers/httpServer';
import { StaffClient } from '../helpers/staffClient';
import { makeTestApp, OFFICE_HOURS } from '../helpers/testApp';

describe('service targets in the console queue', () => {
  it('marks an IT request near its 30-minute first-response target, then breached', async () => {
    let now = OFFICE_HOURS;
    const app = await makeTestApp({}, undefined, () => now);
    const server = await listen(app.server);
    const talk = (text: string) => postActivity(server.url, messageActivity(text, 'target-user', 'target-conversation'));
    await talk('Ich möchte mit jemandem aus der IT sprechen');
    await talk('ja');
    const staff = new StaffClient(server.url);
    await staff.login('it.agent');
    const state = async () => (await staff.get('/api/staff/requests')).body.requests[0].targetStatus;

    expect(await state()).toMatchObject({ firstResponse: 'ok', resolution: 'ok', firstResponseDueAt: '2026-11-24T09:30:00.000Z' });
    now = new Date(OFFICE_HOURS.getTime() + 26 * 60_000);
    expect((await state()).firstResponse).toBe('near');
    now = new Date(OFFICE_HOURS.getTime() + 31 * 60_000);
    expect((await state()).firstResponse).toBe('breached');

    await server.close();
    await app.cleanup();
  });
});
