/**
 * Launches Debian's Chromium through playwright-core for browser tests.
 * playwright-core never downloads a browser, so a missing /usr/bin/chromium
 * makes the launch, and with it the test, fail.
 */
import { rm } from 'node:fs/promises';
import { chromium, type BrowserContext } from 'playwright-core';
import { makeTempDir } from './harness.js';

/** Path of the Chromium binary that Debian's `chromium` package installs. */
export const CHROMIUM_PATH = process.env.CALLSCORE_CHROMIUM ?? '/usr/bin/chromium';

// Without the background-networking flags Chromium keeps calling hosts that this closed network refuses.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--autoplay-policy=no-user-gesture-required',
];

/** A browser context with its own fresh profile folder, removed on close. */
export interface BrowserSession {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Options of a browser session. */
export interface BrowserOptions {
  /** Browser language, sent as navigator.languages and Accept-Language. */
  locale?: string;
  viewport?: { width: number; height: number };
  /** IANA time zone of the page, such as Asia/Shanghai; the machine's zone when unset. */
  timezoneId?: string;
}

/** Starts Chromium with a fresh user-data folder. */
export async function launchChromium(options: BrowserOptions = {}): Promise<BrowserSession> {
  const profileDir = await makeTempDir('chromium-profile');
  const locale = options.locale ?? 'zh-CN';
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, `--lang=${locale}`],
    locale,
    // With LANG set, fontconfig prefers the locale's fonts, so a Chinese page renders in one CJK face.
    env: { ...process.env, LANG: `${locale.replace('-', '_')}.UTF-8` },
    timezoneId: options.timezoneId,
    viewport: options.viewport ?? { width: 1400, height: 900 },
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profileDir, { recursive: true, force: true });
    },
  };
}
