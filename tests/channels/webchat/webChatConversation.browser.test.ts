import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, describeWithChromium, launchChromium, withFailureShot, type LaunchedChromium } from '../../helpers/browser';
import { listen } from '../../helpers/httpServer';
import { StaffClient } from '../../helpers/staffClient';
import { makeTestApp, type TestApp } from '../../helpers/testApp';

/** Web Chat's send box. */
const SEND_BOX = '[data-id="webchat-sendbox-input"]';

/**
 * An employee's conversation in the web chat page, in Chromium, over our Direct Line: what issue 12
 * asks to hold in the browser (a retried prompt is shown, a German button keeps German, staff
 * replies appear at once, lists are lists, the page follows the conversation's language).
 */
describeWithChromium('web chat in Chromium: an employee\'s conversation', () => {
  let app: TestApp;
  let server: { url: string; close: () => Promise<void> };
  let browser: LaunchedChromium;
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    [app, browser] = await Promise.all([makeTestApp(), launchChromium()]);
    server = await listen(app.server);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await app?.cleanup();
  });
  afterEach(() => expect(problems.splice(0)).toEqual([]));

  /** A fresh page (its own session storage, so its own conversation) with the chat open. */
  async function openChat(): Promise<Page> {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`));
    await page.goto(`${server.url}/`);
    await botBubble(page, 'Hallo, ich bin die Anlaufstelle').waitFor();
    return page;
  }

  it('DE: an IT report answered "Monitor" at the device prompt gets the retry prompt; the summary is a list', async () => {
    const page = await openChat();
    await withFailureShot(page, 'webchat-it-report', async () => {
      await write(page, 'Ich möchte eine Störung melden');
      await botBubble(page, 'Welches Gerät oder welcher Bereich ist betroffen?').waitFor();
      await write(page, 'Monitor');
      await botBubble(page, 'Bitte wählen Sie einen der Bereiche aus.').waitFor();
      await button(page, 'Drucker').click();
      await botBubble(page, 'Was genau passiert?').waitFor();
      await write(page, 'Der Drucker im 2. OG druckt nur leere Seiten');
      await botBubble(page, 'Seit wann besteht das Problem?').waitFor();
      await write(page, 'seit heute Morgen');
      await botBubble(page, 'Wie dringend ist es?').waitFor();
      await button(page, 'Hoch – ich kann nicht arbeiten').click();
      const summary = botBubble(page, 'Bitte prüfen Sie Ihre Meldung:');
      await summary.waitFor();
      expect(await summary.locator('ul > li').allInnerTexts()).toEqual([
        'Bereich: Drucker',
        'Problem: Der Drucker im 2. OG druckt nur leere Seiten',
        'Seit: seit heute Morgen',
        'Dringlichkeit: Hoch – ich kann nicht arbeiten'
      ]);
      await page.screenshot({ path: path.join(ARTIFACTS, 'webchat-it-report-summary.png') });
      await button(page, 'Ja').click();
      await botBubble(page, 'Ihre Ticketnummer ist IT-1001.').waitFor();
    });
    await page.close();
  });

  it('DE: the button "Ja, an Facility Management" keeps German; a staff reply shows in the web chat in under 1 s', async () => {
    const page = await openChat();
    await withFailureShot(page, 'webchat-staff-reply', async () => {
      await write(page, 'Im Treppenhaus riecht es nach Gas');
      await botBubble(page, 'Soll ich Ihre Anfrage an Facility Management weiterleiten?').waitFor();
      await button(page, 'Ja, an Facility Management').click();
      await botBubble(page, 'Ich habe Ihre Anfrage an Facility Management weitergeleitet.').waitFor();
      await expect(pageLanguage(page)).resolves.toEqual({ lang: 'de', placeholder: 'Nachricht eingeben' });

      const staff = new StaffClient(server.url);
      expect((await staff.login('facility.agent')).status).toBe(200);
      const [request] = (await staff.get('/api/staff/requests')).body.requests;
      expect(request).toMatchObject({ department: 'facility', language: 'de' });
      expect((await staff.post(`/api/staff/requests/${request.id}/claim`)).status).toBe(200);
      await botBubble(page, 'kümmert sich jetzt um Ihre Anfrage').waitFor();

      const reply = 'Wir schicken sofort jemanden vorbei, bitte verlassen Sie das Treppenhaus.';
      expect((await staff.post(`/api/staff/requests/${request.id}/messages`, { text: reply })).status).toBe(200);
      const sent = performance.now();
      await botBubble(page, reply).waitFor({ timeout: 10_000 });
      const latencyMs = performance.now() - sent;
      console.info(`staff reply in the web chat after ${Math.round(latencyMs)} ms`);
      // Issue 12 asks for under 1 s; it took about 5 s while Web Chat waited for a replyToId it never saw.
      expect(latencyMs).toBeLessThan(1000);
      await expect(pageLanguage(page)).resolves.toEqual({ lang: 'de', placeholder: 'Nachricht eingeben' });
      await page.screenshot({ path: path.join(ARTIFACTS, 'webchat-staff-reply.png') });
    });
    await page.close();
  });

  it('EN: an English first message in the German widget gets English, and the page\'s own texts switch to English and back', async () => {
    const page = await openChat();
    await withFailureShot(page, 'webchat-language', async () => {
      await write(page, 'How do I connect to the VPN from home?');
      const answer = botBubble(page, app.knowledge.entry('it-vpn', 'en')!.answer.split('\n')[0].slice(0, 40));
      await answer.waitFor();
      // The steps are a numbered list, the links a bulleted one.
      expect(await answer.locator('ol > li').count()).toBe(3);
      expect(await answer.locator('ul > li a').count()).toBe(1);
      await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
      await expect(pageLanguage(page)).resolves.toEqual({ lang: 'en', placeholder: 'Type your message' });
      expect(await page.locator('[data-anlaufstelle-text="tagline"]').innerText()).toBe('Your first point of contact for questions to IT, HR, Facility Management and Finance');
      expect(await page.locator('.webchat__initialsAvatar--fromUser .webchat__initialsAvatar__initials').last().innerText()).toBe('Me');
      await page.screenshot({ path: path.join(ARTIFACTS, 'webchat-english.png') });

      // A word or two keep English; a German sentence switches the conversation and the page back.
      await write(page, 'ok');
      await botBubble(page, 'Glad I could help!').waitFor();
      await expect(pageLanguage(page)).resolves.toEqual({ lang: 'en', placeholder: 'Type your message' });
      await write(page, 'Wie beantrage ich Urlaub?');
      await botBubble(page, app.knowledge.entry('hr-vacation-request', 'de')!.answer.slice(0, 40)).waitFor();
      await page.locator('html[lang="de"]').waitFor({ state: 'attached' });
      await expect(pageLanguage(page)).resolves.toEqual({ lang: 'de', placeholder: 'Nachricht eingeben' });
    });
    await page.close();
  });
});

/** The bot's message bubbles that contain `text`. */
function botBubble(page: Page, text: string) {
  return page.locator('.webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content', { hasText: text }).last();
}

/** A button of the bot's latest suggested actions. */
function button(page: Page, title: string) {
  return page.getByRole('toolbar').getByRole('button', { name: title, exact: true });
}

async function write(page: Page, text: string): Promise<void> {
  const input = page.locator(SEND_BOX);
  await input.fill(text);
  await input.press('Enter');
}

/** The page's language and Web Chat's own placeholder text. */
async function pageLanguage(page: Page): Promise<{ lang: string; placeholder: string | null }> {
  return { lang: (await page.locator('html').getAttribute('lang')) ?? '', placeholder: await page.locator(SEND_BOX).getAttribute('placeholder') };
}
