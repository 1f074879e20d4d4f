/**
 * Takes the screenshots under docs/screenshots: the review queue and the
 * call pages of a transcript call and an audio call, in Simplified Chinese
 * and in English. It starts the real service with PGlite, seeds the browser
 * test's scenario, signs in as the coach and drives Debian's Chromium. Run with `npm run screenshots`.
 *
 * Needs /usr/bin/chromium, espeak-ng and a CJK font (Debian: fonts-noto-cjk),
 * without which Chinese labels render as empty boxes.
 */
import { execFileSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'vite';
import { PROJECT_ROOT } from '../src/config/config.js';
import { installFixtureModel, makeTempDir, startService, type Service } from '../tests/helpers/harness.js';
import { launchChromium } from '../tests/helpers/chromium.js';
import { seedReviewScenario, type ReviewScenario } from '../tests/helpers/review-scenario.js';

const OUTPUT_DIR = path.join(PROJECT_ROOT, 'docs', 'screenshots');
const LOCALES = ['zh-CN', 'en'] as const;

function requireCjkFont(): void {
  let fonts = '';
  try {
    fonts = execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
  } catch {
    // fc-list is missing too, which the message below covers.
  }
  if (!fonts.trim()) {
    throw new Error('no Chinese font found (fc-list :lang=zh is empty); install one, e.g. `apt-get install fonts-noto-cjk`, and run again');
  }
}

/** Signs the coach in with a browser set to `locale`, and saves the queue and two call pages. */
async function takeScreenshots(service: Service, scenario: ReviewScenario, locale: (typeof LOCALES)[number]): Promise<void> {
  const browser = await launchChromium({ locale, timezoneId: 'Asia/Shanghai', viewport: { width: 1400, height: 900 } });
  try {
    const page = await browser.context.newPage();
    await page.goto(`${service.baseUrl}/#/sign-in`);
    await page.getByTestId('sign-in-email').fill(scenario.coach.email);
    await page.getByTestId('sign-in-password').fill(scenario.coach.password);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('queue-row').first().waitFor();
    const language = await page.evaluate(() => document.documentElement.lang);
    if (language !== locale) throw new Error(`the page chose ${language} for a browser that asks for ${locale}`);
    await page.screenshot({ path: path.join(OUTPUT_DIR, `queue.${locale}.png`), fullPage: true });

    await page.goto(`${service.baseUrl}/#/calls/${scenario.calls.transcriptA1}`);
    await page.getByTestId('finding').first().waitFor();
    await page.getByTestId('note').first().waitFor();
    await page.getByTestId('finding-play').first().click();
    await page.screenshot({ path: path.join(OUTPUT_DIR, `call.${locale}.png`), fullPage: true });

    // The audio call shows the player next to its transcript.
    await page.goto(`${service.baseUrl}/#/calls/${scenario.calls.audioA1}`);
    await page.getByTestId('finding').first().waitFor();
    await page.screenshot({ path: path.join(OUTPUT_DIR, `call-audio.${locale}.png`), fullPage: true });
    console.log(`screenshots: wrote queue.${locale}.png, call.${locale}.png and call-audio.${locale}.png`);
  } finally {
    await browser.close();
  }
}

async function postJson(service: Service, url: string, body: object): Promise<void> {
  const response = await fetch(`${service.baseUrl}${url}`, {
    method: 'POST',
    headers: { ...service.authHeaders, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${url} failed with ${response.status}: ${await response.text()}`);
}

/** Confirms one finding, dismisses another and adds a note through the API, so the screenshots show reviewed states too. */
async function reviewSomeFindings(service: Service, scenario: ReviewScenario): Promise<void> {
  const response = await fetch(`${service.baseUrl}/v1/calls/${scenario.calls.transcriptA1}`, { headers: service.authHeaders });
  const call = (await response.json()) as { findings: Array<{ id: number }> };
  const [first, second] = call.findings;
  if (!first || !second) throw new Error(`call ${scenario.calls.transcriptA1} has ${call.findings.length} findings, expected at least 2`);

  await postJson(service, `/v1/findings/${first.id}/review`, { decision: 'confirm', note: '典型的绝对化用语，需要辅导。' });
  await postJson(service, `/v1/findings/${second.id}/review`, { decision: 'dismiss', reasonCode: 'allowed_by_policy', note: '本周确有官方公布的调价。' });
  await postJson(service, `/v1/calls/${scenario.calls.transcriptA1}/notes`, { atMs: 12300, text: '逼单话术会让客户反感，下次先确认对方的决策时间。' });
}

async function main(): Promise<void> {
  requireCjkFont();
  await mkdir(OUTPUT_DIR, { recursive: true });
  await build({ configFile: path.join(PROJECT_ROOT, 'web', 'vite.config.ts'), logLevel: 'warn' });

  const modelsDir = await makeTempDir('screenshot-models');
  await installFixtureModel(modelsDir);
  const service = await startService({ modelsDir });
  try {
    const scenario = await seedReviewScenario(service);
    await reviewSomeFindings(service, scenario);
    for (const locale of LOCALES) await takeScreenshots(service, scenario, locale);
  } finally {
    await service.close();
  }
}

main().catch((error: unknown) => {
  console.error(`screenshots: failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
