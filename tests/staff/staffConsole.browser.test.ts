import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, describeWithChromium, withFailureShot } from '../helpers/browser';
import { FakeConnector } from '../helpers/fakeConnector';
import { listen, messageActivity, postActivity } from '../helpers/httpServer';
import { makeTestApp, OFFICE_HOURS, type TestApp } from '../helpers/testApp';
import { BROWSER_TIMEOUT, byTestId, StaffBrowsers, submitSignIn } from './helpers/staffBrowser';

/**
 * The staff console in a real browser against the real app: an employee asks for a person, the
 * request appears live in the IT queue, an agent claims it, answers (the employee's channel gets the
 * text) and resolves it. Debian's Chromium driven by playwright-core; no browser download.
 */

describeWithChromium('staff console in the browser', () => {
  let app: TestApp;
  let server: { url: string; close: () => Promise<void> };
  let connector: FakeConnector;
  const browsers = new StaffBrowsers();

  beforeAll(async () => {
    app = await makeTestApp();
    server = await listen(app.server);
    connector = await new FakeConnector().start();
    await mkdir(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    await browsers.closeAll();
    await server?.close();
    await connector?.stop();
    await app?.cleanup();
  });

  // The app's clock stands still in office hours; the browser's runs a few minutes later, so waiting times are real.
  const openBrowser = () => browsers.open(new Date(OFFICE_HOURS.getTime() + 7 * 60_000));

  const row = (page: Page, number: string) => page.locator(`[data-testid="queue-row"][data-number="${number}"]`);

  async function signIn(page: Page, username: string): Promise<void> {
    await submitSignIn(page, `${server.url}/staff`, username);
    await byTestId(page, 'console-view').waitFor({ state: 'visible' });
    await page.locator('[data-testid="live-status"][data-state="live"]').waitFor();
  }

  const employee = { id: 'employee-browser', conversation: 'conversation-browser' };
  const say = (text: string) =>
    postActivity(server.url, messageActivity(text, employee.id, employee.conversation, { serviceUrl: connector.url, channelId: 'webchat' }));

  it(
    'an IT agent sees the request arrive live, claims it, answers the employee and resolves it',
    async () => {
      const { page, problems } = await openBrowser();
      await withFailureShot(page, 'staff-console', async () => {
        const response = await page.goto(`${server.url}/staff`);
        expect(response?.status()).toBe(200);
        expect(response?.headers()['content-security-policy']).toContain("default-src 'self'");
        expect(response?.headers()['x-content-type-options']).toBe('nosniff');
        expect(response?.headers()['cache-control']).toBe('no-cache');

        await signIn(page, 'it.agent');
        expect(await byTestId(page, 'current-user-department').textContent()).toContain('IT-Service');
        await byTestId(page, 'queue-empty').waitFor({ state: 'visible' });
        await page.evaluate(() => ((globalThis as unknown as { notReloaded: boolean }).notReloaded = true));

        // The employee asks for a person and picks IT; the request appears without a reload.
        const first = await say('Ich möchte mit einem Mitarbeiter sprechen');
        expect(first.status).toBe(200);
        expect(first.texts.join('\n')).toContain('An welche Abteilung');
        const second = await say('IT-Service');
        expect(second.texts.join('\n')).toContain('IT-1001');

        await row(page, 'IT-1001').waitFor();
        expect(await page.evaluate(() => (globalThis as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
        expect(await row(page, 'IT-1001').getAttribute('data-new')).toBe('true');
        expect(await row(page, 'IT-1001').locator('[data-testid="queue-status"]').textContent()).toBe('offen');
        expect(await row(page, 'IT-1001').locator('[data-testid="queue-subject"]').textContent()).toBe('Ich möchte mit einem Mitarbeiter sprechen');

        // Open it: the conversation with the bot, and only claiming makes sense yet.
        await row(page, 'IT-1001').locator('[data-testid="queue-open"]').click();
        await byTestId(page, 'detail-content').waitFor({ state: 'visible' });
        expect(await byTestId(page, 'detail-number').textContent()).toBe('IT-1001');
        expect(await byTestId(page, 'detail-language').textContent()).toBe('Deutsch');
        const userLines = await page.locator('[data-testid="transcript-line"][data-from="user"] .line-text').allTextContents();
        expect(userLines).toEqual(expect.arrayContaining(['Ich möchte mit einem Mitarbeiter sprechen', 'IT-Service']));
        expect(await page.locator('[data-testid="transcript-line"][data-from="bot"]').count()).toBeGreaterThan(0);
        expect(await byTestId(page, 'reply-send').isDisabled()).toBe(true);
        expect(await byTestId(page, 'action-resolve').isDisabled()).toBe(true);
        expect(await byTestId(page, 'action-claim').isEnabled()).toBe(true);

        await byTestId(page, 'action-claim').click();
        await page.locator('[data-testid="detail-status"]', { hasText: 'in Bearbeitung' }).waitFor();
        expect(await byTestId(page, 'detail-assignee').textContent()).toContain('(Sie)');
        expect(await byTestId(page, 'action-claim').isDisabled()).toBe(true);

        // The answer reaches the employee's conversation through the connector.
        const answer = 'Ich setze Ihr Passwort gleich zurück.';
        await byTestId(page, 'reply-text').fill(answer);
        await byTestId(page, 'reply-send').click();
        await page.locator('[data-testid="transcript-line"][data-from="staff"]', { hasText: answer }).waitFor();
        await connector.waitFor(() => connector.texts(employee.conversation).some((text) => text.includes(answer)));
        expect(await byTestId(page, 'reply-text').inputValue()).toBe('');

        // The employee writes back; the line appears in the open conversation.
        const thanks = 'Danke, ich warte.';
        expect((await say(thanks)).status).toBe(200);
        await page.locator('[data-testid="transcript-line"][data-from="user"]', { hasText: thanks }).waitFor();

        // A good answer becomes a FAQ draft, prefilled from the request; agents cannot approve it.
        await byTestId(page, 'action-faq-draft').click();
        await byTestId(page, 'draft-dialog').waitFor({ state: 'visible' });
        expect(await byTestId(page, 'draft-de-question').inputValue()).toBe('Ich möchte mit einem Mitarbeiter sprechen');
        expect(await byTestId(page, 'draft-de-answer').inputValue()).toBe(answer);
        await byTestId(page, 'draft-de-question').fill('Wie setze ich mein Passwort für das Zeiterfassungssystem zurück?');
        await byTestId(page, 'draft-de-answer').fill('Schreiben Sie dem IT-Service; wir setzen das Passwort der Zeiterfassung sofort zurück.');
        await byTestId(page, 'draft-en-question').fill('How do I reset my password for the time tracking system?');
        await byTestId(page, 'draft-en-answer').fill('Write to IT Service; we reset the time tracking password right away.');
        await byTestId(page, 'draft-en-alternatives').fill('time tracking password forgotten\nreset time recording password');
        await byTestId(page, 'draft-submit').click();
        await byTestId(page, 'draft-dialog').waitFor({ state: 'hidden' });

        // Resolve it.
        await byTestId(page, 'action-resolve').click();
        await byTestId(page, 'resolve-note').fill('Passwort zurückgesetzt.');
        await byTestId(page, 'resolve-submit').click();
        await page.locator('[data-testid="detail-status"]', { hasText: 'erledigt' }).waitFor();
        await page.locator('[data-testid="history-item"][data-type="resolved"]').waitFor();
        expect(await row(page, 'IT-1001').getAttribute('data-status')).toBe('resolved');
        expect(await byTestId(page, 'reply-send').isDisabled()).toBe(true);

        await page.screenshot({ path: path.join(ARTIFACTS, 'staff-console.png') });

        await byTestId(page, 'tab-drafts').click();
        const draft = page.locator('[data-testid="draft"]', { hasText: 'Zeiterfassungssystem' });
        await draft.waitFor();
        expect(await draft.getAttribute('data-status')).toBe('draft');
        expect(await draft.locator('[data-testid="draft-approve"]').count()).toBe(0);
        expect(problems).toEqual([]);
      });
    },
    BROWSER_TIMEOUT
  );

  it(
    'the IT lead approves the FAQ draft',
    async () => {
      const { page, problems } = await openBrowser();
      await withFailureShot(page, 'staff-console-lead', async () => {
        await signIn(page, 'it.lead');
        await byTestId(page, 'tab-drafts').click();
        const draft = page.locator('[data-testid="draft"]', { hasText: 'Zeiterfassungssystem' });
        await draft.locator('[data-testid="draft-approve"]').click({ timeout: 30_000, noWaitAfter: true });
        // Approving retrains the recognizer with the new entry, which takes a few seconds.
        await page.locator('[data-testid="draft"][data-status="approved"]', { hasText: 'Zeiterfassungssystem' }).waitFor({ timeout: 30_000 });
        expect(problems).toEqual([]);
      });
    },
    BROWSER_TIMEOUT
  );

  it(
    'an HR agent does not see the IT request',
    async () => {
      const { page, problems } = await openBrowser();
      await withFailureShot(page, 'staff-console-hr', async () => {
        await signIn(page, 'hr.agent');
        expect(await byTestId(page, 'current-user-department').textContent()).toContain('Personal');
        await byTestId(page, 'queue-empty').waitFor({ state: 'visible' });
        expect(await page.locator('[data-testid="queue-row"]').count()).toBe(0);
        expect(await row(page, 'IT-1001').count()).toBe(0);
        const id = (await app.requests.listByDepartment('it'))[0].id;
        const status = await page.evaluate(async (requestId) => (await fetch(`/api/staff/requests/${requestId}`)).status, id);
        expect(status).toBe(403);
        expect(problems).toEqual([]);
      });
    },
    BROWSER_TIMEOUT
  );

  it(
    'sign-in explains a wrong password, and after five failures how long to wait (no lock-out)',
    async () => {
      const { page } = await openBrowser();
      await withFailureShot(page, 'staff-console-login', async () => {
        await page.goto(`${server.url}/staff`);
        const error = byTestId(page, 'login-error');
        for (let attempt = 1; attempt <= 6; attempt++) {
          await byTestId(page, 'login-username').fill('finance.agent');
          await byTestId(page, 'login-password').fill(`wrong-${attempt}`);
          await byTestId(page, 'login-submit').click();
          // The test clock stands still, so the wait after the fifth failure never passes.
          const expected = attempt <= 5 ? 'Benutzername oder Passwort ist falsch.' : 'Zu viele fehlgeschlagene Anmeldeversuche';
          await page.locator('[data-testid="login-error"]', { hasText: expected }).waitFor();
        }
        expect(await error.textContent()).toMatch(/in 1 Sekunde erneut/);
        expect(await byTestId(page, 'console-view').isHidden()).toBe(true);
      });
    },
    BROWSER_TIMEOUT
  );
});
