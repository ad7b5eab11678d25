import { MemoryStorage } from 'botbuilder';
import { LoginThrottle } from '../../bot/staff/loginThrottle';
import { loadStaffAccounts } from '../../bot/staff/staffAccounts';
import { OFFICE_HOURS } from '../helpers/clock';
import { listen } from '../helpers/httpServer';
import { makeTestApp } from '../helpers/testApp';
import type { Clock } from '../../bot/clock';

/** A clock the test moves by hand. */
function movableClock(): Clock & { advance(ms: number): void } {
  let at = OFFICE_HOURS.getTime();
  return Object.assign(() => new Date(at), { advance: (ms: number) => void (at += ms) });
}

const USERNAMES = loadStaffAccounts('staff/accounts.json', new Set(['it', 'hr', 'facility', 'finance'])).map((a) => a.username);

describe('login throttling: growing delays per account and client address, no lock-out of everyone', () => {
  it('slows a series of failures down with doubling waits, per account capped at a minute', async () => {
    const clock = movableClock();
    const throttle = new LoginThrottle(new MemoryStorage(), clock);
    const waits = [];
    for (let failure = 1; failure <= 12; failure++) {
      waits.push(await throttle.failed('it.agent', `10.0.0.${failure}`));
      clock.advance(waits.at(-1)!);
    }
    expect(waits).toEqual([0, 0, 0, 0, 1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000]);
    await throttle.failed('it.agent', '10.0.0.99');
    expect(await throttle.waitFor('it.agent', '10.9.9.9')).toBe(60000);
    clock.advance(15 * 60_000);
    expect(await throttle.waitFor('it.agent', '10.9.9.9')).toBe(0);
  });

  it('makes one guessing address wait longer and longer, whatever accounts it tries', async () => {
    const clock = movableClock();
    const throttle = new LoginThrottle(new MemoryStorage(), clock);
    for (let failure = 1; failure <= 14; failure++) await throttle.failed(`made-up-${failure}`, '203.0.113.7');
    expect(await throttle.waitFor('someone-else', '203.0.113.7')).toBe(16_000);
    expect(await throttle.waitFor('someone-else', '203.0.113.8')).toBe(0);
  });

  it('lets every employee sign in again a moment after 45 wrong sign-ins over all nine accounts (they used to be locked for 15 minutes)', async () => {
    const clock = movableClock();
    const app = await makeTestApp({ TRUSTED_PROXIES: '127.0.0.1' }, undefined, clock);
    const server = await listen(app.server);
    const login = async (username: string, password: string, client: string) => {
      const response = await fetch(`${server.url}/api/staff/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
        body: JSON.stringify({ username, password })
      });
      return { status: response.status, body: (await response.json()) as { retryAfterSeconds?: number } };
    };
    // Five attackers behind the proxy, nine wrong passwords each, all accounts.
    for (let attempt = 0; attempt < 45; attempt++) await login(USERNAMES[attempt % 9], `wrong-${attempt}`, `198.51.100.${attempt % 5}`);
    // The attackers themselves now wait; an employee elsewhere waits a second at most for their account.
    expect((await login('it.agent', 'wrong-again', '198.51.100.0')).status).toBe(429);
    const first = await login('hr.agent', 'anlaufstelle-demo', '192.0.2.10');
    expect(first.status).toBe(429);
    expect(first.body.retryAfterSeconds).toBeLessThanOrEqual(1);
    clock.advance(1000);
    for (const username of USERNAMES) expect((await login(username, 'anlaufstelle-demo', '192.0.2.10')).status).toBe(200);
    await server.close();
    await app.cleanup();
  });

  it('does not let a client that is not a trusted proxy choose its address with X-Forwarded-For', async () => {
    const app = await makeTestApp();
    const server = await listen(app.server);
    const statuses = [];
    for (let attempt = 0; attempt < 12; attempt++) {
      const response = await fetch(`${server.url}/api/staff/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.${attempt}` },
        body: JSON.stringify({ username: `guess-${attempt}`, password: 'wrong' })
      });
      statuses.push(response.status);
    }
    // Ten failures from the one real address, then it waits (the clock of the test app stands still).
    expect(statuses).toEqual([...Array(10).fill(401), 429, 429]);
    await server.close();
    await app.cleanup();
  });
});
