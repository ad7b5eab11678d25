import { mkdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, describeWithChromium, launchChromium, type LaunchedChromium } from '../../helpers/browser';
import { listen } from '../../helpers/httpServer';
import { makeTestApp, type TestApp } from '../../helpers/testApp';

const WELCOME = 'Hallo, ich bin die Anlaufstelle';
const THANKS = 'Freut mich, dass ich helfen konnte!';

describeWithChromium('web chat in Chromium: GET / with Microsoft Web Chat over our Direct Line', () => {
  let app: TestApp;
  let server: { url: string; close: () => Promise<void> };
  let browser: LaunchedChromium;
  let page: Page;
  const problems: string[] = [];
  // An intranet page on another origin that embeds the widget with the documented snippet.
  const intranet = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><h1>Intranet</h1><div id="anlaufstelle-chat" style="height: 600px"></div>
      <script src="${server.url}/embed.js" data-target="anlaufstelle-chat" async></script>`);
  });
  let intranetUrl: string;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    await new Promise<void>((resolve) => intranet.listen(0, '127.0.0.1', resolve));
    intranetUrl = `http://127.0.0.1:${(intranet.address() as AddressInfo).port}`;
    [app, browser] = await Promise.all([makeTestApp({ WEBCHAT_ALLOWED_ORIGINS: intranetUrl }), launchChromium()]);
    server = await listen(app.server);
    page = await browser.context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await new Promise((resolve) => intranet.close(resolve));
    await app?.cleanup();
  });

  it('answers a German question and takes the "Ja, danke" button', async () => {
    await page.goto(`${server.url}/`);
    await bubble(page, WELCOME).waitFor();
    const input = page.locator('[data-id="webchat-sendbox-input"]');
    await input.fill('Ich habe mein Passwort vergessen');
    await input.press('Enter');
    const answer = app.knowledge.entry('it-password-reset', 'de')!.answer.split('\n')[0];
    await bubble(page, answer).waitFor();
    await bubble(page, 'Hat das geholfen?').waitFor();

    await page.getByRole('toolbar').getByRole('button', { name: 'Ja, danke' }).click();
    await bubble(page, THANKS).waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'webchat.png') });
    expect(problems).toEqual([]);
  });

  it('shows the earlier messages again after a reload, in the same conversation', async () => {
    await page.reload();
    await bubble(page, THANKS).waitFor();
    expect(await page.locator('.webchat__bubble--from-user .webchat__bubble__content', { hasText: 'Ich habe mein Passwort vergessen' }).count()).toBe(1);
    expect(await bubble(page, WELCOME).count()).toBe(1);
    await page.locator('.webchat__connectivityStatus').waitFor({ state: 'detached' });
    await page.screenshot({ path: path.join(ARTIFACTS, 'webchat-reload.png') });

    // The conversation goes on where it was.
    const input = page.locator('[data-id="webchat-sendbox-input"]');
    await input.fill('Wie verbinde ich mich im Homeoffice mit dem VPN?');
    await input.press('Enter');
    await bubble(page, app.knowledge.entry('it-vpn', 'de')!.answer.split('\n')[0]).waitFor();
    expect(problems).toEqual([]);
  });

  it('works embedded in a page of another origin (the intranet snippet)', async () => {
    const embedded = await browser.context.newPage();
    embedded.setDefaultTimeout(10_000);
    embedded.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await embedded.goto(`${intranetUrl}/`);
    await bubble(embedded, WELCOME).waitFor();
    const input = embedded.locator('[data-id="webchat-sendbox-input"]');
    await input.fill('Wie verbinde ich mich im Homeoffice mit dem VPN?');
    await input.press('Enter');
    await bubble(embedded, app.knowledge.entry('it-vpn', 'de')!.answer.split('\n')[0]).waitFor();
    await embedded.close();
    expect(problems).toEqual([]);
  });
});

/** The transcript's message bubbles that contain `text`. */
function bubble(page: Page, text: string) {
  return page.locator('.webchat__bubble__content', { hasText: text });
}
