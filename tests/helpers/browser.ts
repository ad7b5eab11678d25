import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { makeTempDir } from './tempDir';

/** Debian's Chromium (apt-get install -y chromium); never a browser downloaded by Playwright. */
export const CHROMIUM = '/usr/bin/chromium';

/** Where browser tests save their screenshots: the project's test-artifacts folder. */
export const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts');

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** What a browser test needs of the window and the environment the page sees. */
export interface ChromiumOptions {
  /** The window size; 1000 × 900 unless given. */
  viewport?: { width: number; height: number };
  /** The browser's language (navigator.language, Accept-Language); `de-DE` unless given. */
  locale?: string;
  /** The time zone the page's clock and Intl formats use; the machine's unless given. */
  timezoneId?: string;
}

/** A launched Chromium and the function that closes it and removes its profile. */
export interface LaunchedChromium {
  context: BrowserContext;
  close: () => Promise<void>;
}

/**
 * `describe` when Chromium is installed. Without it the suite is skipped on a developer machine, but
 * fails with a clear message in CI (CI=true), where .ci/run installs it.
 */
export function describeWithChromium(name: string, body: () => void): void {
  if (existsSync(CHROMIUM)) return describe(name, body);
  if (process.env.CI === 'true') {
    return describe(name, () => {
      it('needs Chromium', () => {
        throw new Error(`Chromium is missing at ${CHROMIUM}; install it with: apt-get update && apt-get install -y chromium`);
      });
    });
  }
  console.warn(`${name}: skipped, Chromium is not installed at ${CHROMIUM}`);
  describe.skip(name, body);
}

/** Chromium with a fresh profile (user data dir, so its own cookies) that is removed on close. */
export async function launchChromium(options: ChromiumOptions = {}): Promise<LaunchedChromium> {
  const { viewport = { width: 1000, height: 900 }, locale = 'de-DE', timezoneId } = options;
  const profile = await makeTempDir('anlaufstelle-chromium-');
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile.dir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      viewport,
      locale,
      ...(timezoneId ? { timezoneId } : {})
    });
  } catch (error) {
    await profile.cleanup();
    throw error;
  }
  return {
    context,
    close: async () => {
      try {
        await context.close();
      } finally {
        await profile.cleanup();
      }
    }
  };
}

/**
 * Runs `body`; when it fails, saves a screenshot of the page as `test-artifacts/<name>-failure.png`
 * (the whole page with `fullPage`), then rethrows.
 */
export async function withFailureShot(page: Page, name: string, body: () => Promise<void>, options: { fullPage?: boolean } = {}): Promise<void> {
  try {
    await body();
  } catch (error) {
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}-failure.png`), fullPage: options.fullPage ?? false }).catch(() => undefined);
    throw error;
  }
}
