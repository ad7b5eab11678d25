import type { Page } from 'playwright-core';
import { launchChromium, type LaunchedChromium } from '../../helpers/browser';

/** The password of the demo staff accounts the test app signs in with. */
export const STAFF_PASSWORD = 'anlaufstelle-demo';

/** Per browser test: starting Chromium and waiting on the live UI take longer than jest's default. */
export const BROWSER_TIMEOUT = 90_000;

/** The element with `data-testid="<id>"`, the way the staff pages mark what tests look at. */
export function byTestId(page: Page, id: string) {
  return page.locator(`[data-testid="${id}"]`);
}

/** A staff page in its own browser, with the JS errors and CSP violations seen on it so far. */
export interface StaffPage {
  page: Page;
  problems: string[];
}

/**
 * Opens staff pages, each in a fresh browser (its own profile, so its own sign-in) with a
 * laptop-sized window in German and Berlin time, and closes them all at the end of the suite.
 */
export class StaffBrowsers {
  private readonly launched: LaunchedChromium[] = [];

  /** A new browser whose page clock stands still at `now`. */
  async open(now: Date): Promise<StaffPage> {
    const browser = await launchChromium({ viewport: { width: 1440, height: 900 }, locale: 'de-DE', timezoneId: 'Europe/Berlin' });
    this.launched.push(browser);
    browser.context.setDefaultTimeout(10_000);
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.clock.setFixedTime(now);
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(`console: ${message.text()}`);
    });
    return { page, problems };
  }

  /** Closes every browser opened so far; one that fails to close does not keep the others open. */
  async closeAll(): Promise<void> {
    for (const browser of this.launched.splice(0)) await browser.close().catch(() => undefined);
  }
}

/** Opens `url` and submits the sign-in form the console and the dashboard share. */
export async function submitSignIn(page: Page, url: string, username: string): Promise<void> {
  await page.goto(url);
  await byTestId(page, 'login-username').fill(username);
  await byTestId(page, 'login-password').fill(STAFF_PASSWORD);
  await byTestId(page, 'login-submit').click();
}
