import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, describeWithChromium, withFailureShot } from '../helpers/browser';
import { listen, messageActivity, postActivity } from '../helpers/httpServer';
import { makeTestApp, OFFICE_HOURS, type TestApp } from '../helpers/testApp';
import { writeDemoData } from '../../scripts/seed/writeDemo';
import { BROWSER_TIMEOUT, byTestId, StaffBrowsers, submitSignIn } from './helpers/staffBrowser';

/**
 * The service dashboard in a real browser against the real app with the seeded demo data set (30
 * days up to the app's clock): a lead sees the figures and charts of their department and writes a
 * FAQ entry for a knowledge gap in one step; an admin compares departments; an agent gets a polite
 * refusal. Debian's Chromium driven by playwright-core; no browser download.
 */

describeWithChromium('service dashboard in the browser', () => {
  let app: TestApp;
  let server: { url: string; close: () => Promise<void> };
  const browsers = new StaffBrowsers();

  beforeAll(async () => {
    app = await makeTestApp();
    await writeDemoData({
      dataDir: app.dataDir,
      content: app.knowledge.content,
      staff: { it: [{ username: 'it.agent', name: 'Jonas Becker' }], hr: [{ username: 'hr.agent', name: 'Miriam Schulz' }], facility: [{ username: 'facility.agent', name: 'Ali Yilmaz' }], finance: [{ username: 'finance.agent', name: 'Laura Hoffmann' }] },
      days: 30,
      seed: 42,
      now: OFFICE_HOURS
    });
    server = await listen(app.server);
    await mkdir(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    await browsers.closeAll();
    await server?.close();
    await app?.cleanup();
  });

  /** A staff browser that also counts requests to other origins as problems: the page loads nothing from elsewhere. */
  async function openBrowser(): Promise<{ page: Page; problems: string[] }> {
    const { page, problems } = await browsers.open(OFFICE_HOURS);
    page.on('request', (request) => {
      if (!request.url().startsWith(server.url) && !request.url().startsWith('data:')) problems.push(`request to another origin: ${request.url()}`);
    });
    return { page, problems };
  }

  const signIn = (page: Page, username: string) => submitSignIn(page, `${server.url}/staff/dashboard`, username);

  const ready = (page: Page) => page.locator('[data-testid="dashboard-view"][data-state="ready"]').waitFor({ timeout: 20_000 });

  it(
    'the IT lead sees the figures and charts of IT, changes the range, and the page is saved as test-artifacts/dashboard.png',
    async () => {
      const { page, problems } = await openBrowser();
      await withFailureShot(page, 'dashboard', async () => {
        const response = await page.goto(`${server.url}/staff/dashboard`);
        expect(response?.status()).toBe(200);
        expect(response?.headers()['content-security-policy']).toContain("default-src 'self'");
        await signIn(page, 'it.lead');
        await ready(page);

        expect(await byTestId(page, 'dash-department').textContent()).toContain('IT-Service');
        expect(await byTestId(page, 'filter-department').isDisabled()).toBe(true);
        expect(await byTestId(page, 'filter-from').inputValue()).toBe('2026-10-26');
        expect(await byTestId(page, 'filter-to').inputValue()).toBe('2026-11-24');

        // The page shows what the API computes.
        const api = await page.evaluate(async () => ((await (await fetch('/api/staff/dashboard')).json()) as { figures: any }).figures);
        const percent = (value: number) => `${Math.round(value * 100)}\u00a0%`;
        expect(await byTestId(page, 'kpi-deflection-value').textContent()).toBe(percent(api.deflection.rate));
        expect(await byTestId(page, 'kpi-handoff-value').textContent()).toBe(percent(api.handoff.rate));
        expect(await byTestId(page, 'kpi-requests-value').textContent()).toBe(String(api.requests.total));
        expect(await byTestId(page, 'target-first-response-target').textContent()).toBe('30 Min.');
        expect(await byTestId(page, 'target-resolution-target').textContent()).toBe('4 Std.');
        expect(await byTestId(page, 'target-first-response-breaches').getAttribute('data-count')).toBe(String(api.firstResponse.breaches));

        // Chart.js, served from node_modules by the bot, drew the four charts.
        const charts = await page.evaluate(() => {
          type Canvas = { width: number };
          const browser = globalThis as unknown as {
            document: { querySelector: (selector: string) => Canvas };
            Chart: { getChart: (canvas: Canvas) => { data: { labels: unknown[] } } | undefined };
          };
          return ['volume', 'intents', 'times', 'ratings'].map((name) => {
            const canvas = browser.document.querySelector(`[data-testid="chart-${name}"]`);
            return { name, labels: browser.Chart.getChart(canvas)?.data.labels.length ?? 0, width: canvas.width };
          });
        });
        expect(charts).toEqual([
          { name: 'volume', labels: 30, width: expect.any(Number) },
          { name: 'intents', labels: 10, width: expect.any(Number) },
          { name: 'times', labels: 2, width: expect.any(Number) },
          { name: 'ratings', labels: 5, width: expect.any(Number) }
        ]);
        expect(charts.every((c) => c.width > 200)).toBe(true);

        // Knowledge gaps of IT, largest first.
        const gaps = page.locator('[data-testid="gap-list-item"], [data-testid="gap"]');
        expect(await gaps.count()).toBeGreaterThan(3);
        expect(Number(await gaps.first().getAttribute('data-count'))).toBeGreaterThan(10);
        expect(await page.locator('[data-testid="gap-group"]').evaluateAll((groups) => groups.map((g) => g.getAttribute('data-department')))).toEqual(['it']);
        expect(await byTestId(page, 'csv-export').getAttribute('href')).toBe('/api/staff/dashboard.csv?from=2026-10-26&to=2026-11-24&department=it');

        await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard.png'), fullPage: true });

        // A shorter range: the figures and the URL follow.
        await byTestId(page, 'filter-from').fill('2026-11-17');
        await byTestId(page, 'filter-apply').click();
        await page.locator('[data-testid="dash-range"]', { hasText: '17. November 2026 bis 24. November 2026' }).waitFor();
        await ready(page);
        expect(page.url()).toContain('from=2026-11-17');
        const week = await page.evaluate(async () => ((await (await fetch('/api/staff/dashboard?from=2026-11-17&to=2026-11-24')).json()) as { figures: any }).figures);
        expect(await byTestId(page, 'kpi-requests-value').textContent()).toBe(String(week.requests.total));
        expect(problems).toEqual([]);
      }, { fullPage: true });
    },
    BROWSER_TIMEOUT
  );

  it(
    'the IT lead writes the FAQ entry for the largest knowledge gap in one step, and the bot answers it',
    async () => {
      const { page, problems } = await openBrowser();
      await withFailureShot(page, 'dashboard-gap', async () => {
        await signIn(page, 'it.lead');
        await ready(page);
        const jira = page.locator('[data-testid="gap"]', { hasText: 'Jira' }).first();
        const clusterId = await jira.getAttribute('data-cluster');
        await jira.locator('[data-testid="gap-write-faq"]').click();
        await byTestId(page, 'gap-faq-dialog').waitFor({ state: 'visible' });
        // Prefilled from the employees' own words.
        expect(await byTestId(page, 'gap-faq-de-question').inputValue()).toMatch(/Jira/);
        expect(await byTestId(page, 'gap-faq-en-question').inputValue()).toMatch(/Jira/);
        expect(await byTestId(page, 'gap-faq-de-alternatives').inputValue()).toMatch(/Jira/);

        await byTestId(page, 'gap-faq-de-question').fill('Wie bekomme ich Zugang zu Jira?');
        await byTestId(page, 'gap-faq-de-answer').fill('Den Jira-Zugang beantragt Ihre Teamleitung im Self-Service-Portal unter „Zugänge“.');
        await byTestId(page, 'gap-faq-en-question').fill('How do I get access to Jira?');
        await byTestId(page, 'gap-faq-en-answer').fill('Your team lead requests Jira access in the self-service portal under "Access".');
        // The lead adds a few phrasings of their own to the employees' ones, and a keyword.
        const deAlternatives = await byTestId(page, 'gap-faq-de-alternatives').inputValue();
        await byTestId(page, 'gap-faq-de-alternatives').fill(`${deAlternatives}\nZugriff auf Jira\nJira Account bekommen\nich kann mich nicht bei Jira anmelden`);
        const enAlternatives = await byTestId(page, 'gap-faq-en-alternatives').inputValue();
        await byTestId(page, 'gap-faq-en-alternatives').fill(`${enAlternatives}\nJira access\nrequest Jira access`);
        await byTestId(page, 'gap-faq-keywords').fill('Jira');
        // Approving retrains the recognizer with the new entry, which takes a few seconds and keeps this
        // process (server and browser driver alike) busy: generous timeouts from the click on.
        await byTestId(page, 'gap-faq-submit').click({ timeout: 60_000 });
        await byTestId(page, 'gap-faq-dialog').waitFor({ state: 'hidden', timeout: 60_000 });
        await page.locator('[data-testid="toast"]', { hasText: 'Der Bot beantwortet die Frage ab sofort' }).waitFor();
        expect(await page.locator(`[data-testid="gap"][data-cluster="${clusterId}"]`).count()).toBe(0);

        const answer = await postActivity(server.url, messageActivity('Wie bekomme ich Zugang zu Jira?', 'employee-jira', 'conversation-jira'));
        expect(answer.texts[0]).toContain('Den Jira-Zugang beantragt Ihre Teamleitung');
        expect(problems).toEqual([]);
      }, { fullPage: true });
    },
    BROWSER_TIMEOUT
  );

  it(
    'an admin compares the departments and picks one',
    async () => {
      const { page, problems } = await openBrowser();
      await withFailureShot(page, 'dashboard-admin', async () => {
        await signIn(page, 'admin');
        await ready(page);
        expect(await byTestId(page, 'dash-department').textContent()).toContain('Alle Abteilungen');
        expect(await page.locator('[data-testid="comparison-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-department')))).toEqual(['it', 'hr', 'facility', 'finance']);
        expect(await byTestId(page, 'target-first-response-target').textContent()).toBe('je Abteilung');
        await byTestId(page, 'filter-department').selectOption('hr');
        await page.locator('[data-testid="dash-department"]', { hasText: 'Personalabteilung (HR)' }).waitFor();
        await ready(page);
        expect(await byTestId(page, 'comparison').isHidden()).toBe(true);
        expect(await byTestId(page, 'target-first-response-target').textContent()).toBe('4 Std.');
        expect(page.url()).toContain('department=hr');
        expect(problems).toEqual([]);
      }, { fullPage: true });
    },
    BROWSER_TIMEOUT
  );

  it(
    'an agent gets a polite refusal and 403 from the API',
    async () => {
      const { page, problems } = await openBrowser();
      await withFailureShot(page, 'dashboard-agent', async () => {
        await signIn(page, 'it.agent');
        await byTestId(page, 'denied-view').waitFor({ state: 'visible' });
        expect(await byTestId(page, 'denied-text').textContent()).toContain('Teamleitungen');
        expect(await byTestId(page, 'dashboard-view').isHidden()).toBe(true);
        expect(await byTestId(page, 'denied-console').getAttribute('href')).toBe('/staff');
        expect(await page.evaluate(async () => (await fetch('/api/staff/dashboard')).status)).toBe(403);
        expect(problems).toEqual([]);
      }, { fullPage: true });
    },
    BROWSER_TIMEOUT
  );
});
