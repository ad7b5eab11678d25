import { existsSync } from 'node:fs';
import { chromium, type BrowserContext } from 'playwright-core';
import { makeTempDir } from '../../helpers/tempDir';

/** Debian's Chromium (apt-get install -y chromium); never a browser downloaded by Playwright. */
export const CHROMIUM = '/usr/bin/chromium';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

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

/** Chromium with a fresh profile (user data dir) that is removed on close. */
export async function launchChromium(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = await makeTempDir('anlaufstelle-chromium-');
  const context = await chromium.launchPersistentContext(profile.dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1000, height: 900 },
    locale: 'de-DE'
  });
  return {
    context,
    close: async () => {
      await context.close();
      await profile.cleanup();
    }
  };
}
