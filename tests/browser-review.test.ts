/**
 * The coaching page in a real browser: Debian's Chromium driven by
 * playwright-core against the real service with PGlite. A coach signs in,
 * filters the queue, plays a finding and dismisses it. A rep gets only
 * their own calls. The tests share one browser and one seeded service and
 * run in order, because each step starts where the one before ended.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'vite';
import type { Page } from 'playwright-core';
import { rename } from 'node:fs/promises';
import path from 'node:path';
import { getJson, startService, upload, waitForCall, type Service } from './helpers/harness.js';
import { makeSpeechWav } from './helpers/audio.js';
import { installFixtureModel, makeTempDir } from './helpers/harness.js';
import { launchChromium, type BrowserSession } from './helpers/chromium.js';
import { seedReviewScenario, type ReviewScenario, type ScenarioUser } from './helpers/review-scenario.js';

let service: Service;
let scenario: ReviewScenario;
let browser: BrowserSession;
let page: Page;
// Console errors that report a blocked load, so a policy that breaks the page fails the last test.
const policyViolations: string[] = [];

async function signIn(user: ScenarioUser): Promise<void> {
  await page.goto(`${service.baseUrl}/#/sign-in`);
  await page.getByTestId('sign-in-email').fill(user.email);
  await page.getByTestId('sign-in-password').fill(user.password);
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('signed-in-as').waitFor();
}

async function signOut(): Promise<void> {
  await page.getByTestId('sign-out').click();
  await page.getByTestId('sign-in-form').waitFor();
}

/** Opens the queue with the given filters in the route and waits for its rows or its empty row. */
async function openQueue(query: string): Promise<void> {
  // Each render draws a new main element, so a mark on the current one separates old rows from new ones.
  await page.evaluate(() => document.querySelector('main')?.setAttribute('data-stale', ''));
  await page.goto(`${service.baseUrl}/#/queue?${query}`);
  await page.locator('main:not([data-stale]) :is([data-testid="queue-row"], [data-testid="queue-empty"])').first().waitFor();
}

async function queueFindingIds(): Promise<string[]> {
  return page.getByTestId('queue-row').evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.findingId ?? ''));
}

async function precisionOf(type: string): Promise<{ reviewed: number; dismissed: number }> {
  const { status, body } = await getJson(service.baseUrl, '/v1/review/precision?teamId=team-a');
  expect(status).toBe(200);
  const row = body.types.find((candidate: { type: string }) => candidate.type === type);
  return { reviewed: row?.reviewed ?? 0, dismissed: row?.dismissed ?? 0 };
}

describe('coaching page in Chromium', () => {
  beforeAll(async () => {
    // Build the page from the current sources, so the test never drives a stale bundle. The old
    // files stay, because other test files running now may be fetching / from the same folder.
    await build({ configFile: 'web/vite.config.ts', logLevel: 'warn', build: { emptyOutDir: false } });

    const modelsDir = await makeTempDir('browser-models');
    await installFixtureModel(modelsDir);
    service = await startService({ modelsDir });
    scenario = await seedReviewScenario(service);

    // A fixed zone, so the local days of the date filters are the same on every machine.
    browser = await launchChromium({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    page = await browser.context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) policyViolations.push(message.text());
    });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await service?.close();
  });

  it('shows the sign-in page in Chinese', async () => {
    await page.goto(`${service.baseUrl}/`);
    await page.getByTestId('sign-in-form').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await page.getByTestId('sign-in-submit').textContent()).toBe('登录');
  });

  it('rejects a wrong password with a message', async () => {
    await page.getByTestId('sign-in-email').fill(scenario.coach.email);
    await page.getByTestId('sign-in-password').fill('not-the-password');
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('error').waitFor();
    expect(await page.getByTestId('signed-in-as').count()).toBe(0);
  });

  it('signs the coach in to the queue', async () => {
    await signIn(scenario.coach);
    await page.getByTestId('queue-row').first().waitFor();
    expect(await page.getByTestId('nav-queue').count()).toBe(1);
    expect(await page.getByTestId('nav-notes').count()).toBe(0);
  });

  it('keeps other teams out of the queue', async () => {
    const callIds = await page.getByTestId('queue-row').evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.callId));
    expect(callIds).toContain(scenario.calls.audioA1);
    expect(callIds).toContain(scenario.calls.transcriptA2);
    expect(callIds).not.toContain(scenario.calls.transcriptB1);
  });

  it('lists critical findings first', async () => {
    const severities = await page.getByTestId('queue-row').evaluateAll((rows) =>
      rows.map((row) => row.querySelector('.badge')?.className.match(/severity-(\w+)/)?.[1] ?? ''),
    );
    const rank = { critical: 0, major: 1, minor: 2 } as Record<string, number>;
    const ranks = severities.map((severity) => rank[severity] ?? 9);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(severities[0]).toBe('critical');
  });

  it('pages the queue with more', async () => {
    const { body: all } = await getJson(service.baseUrl, '/v1/review/findings?teamId=team-a');
    const expected = all.items.map((finding: { id: number }) => String(finding.id));
    expect(expected.length).toBeGreaterThan(2);

    await openQueue('limit=2');
    expect(await queueFindingIds()).toEqual(expected.slice(0, 2));
    while ((await page.getByTestId('more').count()) > 0) {
      const before = await page.getByTestId('queue-row').count();
      await page.getByTestId('more').click();
      await page.waitForFunction((count) => document.querySelectorAll('[data-testid="queue-row"]').length > count, before);
    }
    expect(await queueFindingIds()).toEqual(expected);
    await page.getByTestId('filter-reset').click();
    await page.waitForURL(/#\/queue$/);
  });

  it('filters the queue by local date', async () => {
    const callIdsOf = () => page.getByTestId('queue-row').evaluateAll((rows) => [...new Set(rows.map((row) => (row as HTMLElement).dataset.callId))].sort());

    // Shanghai days: the A1 calls start on 3 and 4 November, the A2 call on 5 November.
    await openQueue('from=2026-11-05');
    expect(await callIdsOf()).toEqual([scenario.calls.transcriptA2]);

    await openQueue('to=2026-11-04');
    expect(await callIdsOf()).toEqual([scenario.calls.audioA1, scenario.calls.transcriptA1].sort());

    await openQueue('from=2026-11-04&to=2026-11-04');
    expect(await callIdsOf()).toEqual([scenario.calls.transcriptA1]);
    await page.getByTestId('filter-reset').click();
    await page.waitForURL(/#\/queue$/);
  });

  it('filters the queue by type', async () => {
    await openQueue('');
    await page.getByTestId('filter-type').selectOption('over_commitment');
    await page.waitForURL(/type=over_commitment/);
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll<HTMLElement>('[data-testid="queue-row"]')];
      return rows.length > 0 && rows.every((row) => row.dataset.type === 'over_commitment');
    });

    const types = await page.getByTestId('queue-row').evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.type));
    const callIds = await page.getByTestId('queue-row').evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.callId));
    expect(types.length).toBeGreaterThan(0);
    expect(new Set(types)).toEqual(new Set(['over_commitment']));
    expect(callIds).toContain(scenario.calls.audioA1);
  });

  it('plays the recording from a finding', async () => {
    const row = page.locator(`[data-testid="queue-row"][data-call-id="${scenario.calls.audioA1}"]`).first();
    const findingId = await row.getAttribute('data-finding-id');
    await row.getByTestId('queue-open').click();
    await page.getByTestId('audio').waitFor();

    const { body: call } = await getJson(service.baseUrl, `/v1/calls/${scenario.calls.audioA1}`);
    const finding = call.findings.find((candidate: { id: number }) => String(candidate.id) === findingId);
    const turnStartSeconds = call.transcript.turns[finding.turnIndex].startMs / 1000;
    expect(turnStartSeconds).toBeGreaterThan(1);

    // Park the player near the end, then record every seek the page makes from there on.
    await page.waitForFunction(() => (document.querySelector<HTMLAudioElement>('[data-testid="audio"]')?.readyState ?? 0) >= 1);
    const parkedAt = await page.evaluate(async () => {
      const audio = document.querySelector<HTMLAudioElement>('[data-testid="audio"]')!;
      const seeked = new Promise((resolve) => audio.addEventListener('seeked', resolve, { once: true }));
      audio.currentTime = audio.duration - 0.05;
      await seeked;
      const seekTargets: number[] = [];
      (window as unknown as { seekTargets: number[] }).seekTargets = seekTargets;
      audio.addEventListener('seeking', () => seekTargets.push(audio.currentTime));
      return audio.currentTime;
    });
    expect(parkedAt).toBeGreaterThan(turnStartSeconds + 1);

    const item = page.locator(`[data-testid="finding"][data-finding-id="${findingId}"]`);
    await item.getByTestId('finding-play').click();
    await page.waitForFunction(() => {
      const audio = document.querySelector<HTMLAudioElement>('[data-testid="audio"]')!;
      return !audio.paused && (window as unknown as { seekTargets: number[] }).seekTargets.length > 0;
    });
    const seekTargets = await page.evaluate(() => (window as unknown as { seekTargets: number[] }).seekTargets);
    expect(seekTargets[0]).toBeCloseTo(turnStartSeconds, 2);
    const position = await page.evaluate(() => document.querySelector<HTMLAudioElement>('[data-testid="audio"]')!.currentTime);
    expect(position).toBeGreaterThanOrEqual(turnStartSeconds - 0.01);
    expect(position).toBeLessThan(parkedAt);
    expect(await page.locator(`[data-testid="turn"][data-turn-index="${finding.turnIndex}"]`).getAttribute('class')).toContain('active');
  });

  it('highlights findings on their spans', async () => {
    const marks = page.getByTestId('finding-mark');
    expect(await marks.count()).toBeGreaterThan(0);
    const text = await marks.first().textContent();
    expect(text?.length).toBeGreaterThan(0);
  });

  it('dismisses a finding with reason and note', async () => {
    const precisionBefore = await precisionOf('over_commitment');
    const findingId = await page.locator('[data-testid="finding"].selected').getAttribute('data-finding-id');
    const item = page.locator(`[data-testid="finding"][data-finding-id="${findingId}"]`);

    await item.getByTestId('review-dismiss').click();
    await item.getByTestId('reason-required').waitFor();

    await item.getByTestId('review-reason').selectOption('transcription_error');
    await item.getByTestId('review-note').fill('录音里说的是“保证按合同交付”，转写有误。');
    await item.getByTestId('review-dismiss').click();
    await page.locator(`[data-testid="finding"][data-finding-id="${findingId}"][data-status="dismissed"]`).waitFor();
    expect(await page.locator(`[data-testid="finding"][data-finding-id="${findingId}"] [data-testid="review-summary"]`).textContent()).toContain('转写有误');

    const precisionAfter = await precisionOf('over_commitment');
    expect(precisionAfter.dismissed).toBe(precisionBefore.dismissed + 1);
    expect(precisionAfter.reviewed).toBe(precisionBefore.reviewed + 1);

    await openQueue(`type=over_commitment&status=dismissed`);
    expect(await queueFindingIds()).toContain(findingId);
    await openQueue(`type=over_commitment&status=unreviewed`);
    expect(await queueFindingIds()).not.toContain(findingId);
  });

  it('shows the dismissal in the precision report', async () => {
    await page.getByTestId('nav-precision').click();
    const row = page.locator('[data-testid="precision-row"][data-type="over_commitment"]');
    await row.waitFor();
    expect(Number(await row.getByTestId('precision-dismissed').textContent())).toBeGreaterThanOrEqual(1);
  });

  it('adds a coaching note at the player position', async () => {
    await page.goto(`${service.baseUrl}/#/calls/${scenario.calls.transcriptA1}`);
    await page.getByTestId('transcript').waitFor();
    await page.locator('[data-testid="turn"][data-turn-index="3"] [data-testid="turn-time"]').click();
    await page.getByTestId('note-text').fill('逼单话术会让客户反感，下次先确认对方的决策时间。');
    await page.getByTestId('note-add').click();
    await page.getByTestId('note').first().waitFor();
    expect(await page.getByTestId('note').first().textContent()).toContain('逼单话术');

    const { body } = await getJson(service.baseUrl, `/v1/calls/${scenario.calls.transcriptA1}/notes`);
    const notes = Array.isArray(body) ? body : body.items;
    expect(notes[0].atMs).toBe(12300);
  });

  it('shows deal scores and fulfillment', async () => {
    const put = async (url: string, body: object): Promise<void> => {
      const response = await fetch(`${service.baseUrl}${url}`, { method: 'PUT', headers: { ...service.authHeaders, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(response.status, `PUT ${url}`).toBe(200);
    };
    await put('/v1/deals/D-A1', { name: 'MES rollout', ownerRepId: 'R-A1', teamId: 'team-a', stage: 'proposal' });
    await put('/v1/deals/D-A1/contract', { text: '乙方保证系统可用性不低于99.9%。' });

    await page.getByTestId('deal-link').click();
    await page.getByTestId('fulfillment-report').waitFor();
    for (const layer of ['intent', 'behavior', 'result', 'overall']) expect(await page.getByTestId(`layer-${layer}`).count()).toBe(1);
    expect(Number(await page.getByTestId('layer-behavior').getByTestId('score').textContent())).toBeGreaterThan(0);
    expect(await page.getByTestId('layer-behavior').locator(`a[href="#/calls/${scenario.calls.transcriptA1}"]`).count()).toBe(1);

    await page.goto(`${service.baseUrl}/#/deals/D-A2`);
    await page.getByTestId('no-fulfillment').waitFor();
  });

  it('shows why a call failed', async () => {
    const wav = path.join(await makeTempDir('browser-failed'), 'call.wav');
    await makeSpeechWav(wav, 'Hello, this is a call that cannot be transcribed.');
    // Without the installed model the call fails with CS_ERR_MODEL_MISSING and keeps its recording.
    const modelDir = path.join(service.config.modelsDir, 'sense-voice-small-int8');
    await rename(modelDir, `${modelDir}.away`);
    let failed: { status: string };
    try {
      const uploaded = await upload(
        service.baseUrl,
        { path: wav, filename: 'failed.wav', type: 'audio/wav' },
        { callId: 'C-A2-failed', dealId: 'D-A2', repId: 'R-A2', teamId: 'team-a' },
      );
      expect(uploaded.status).toBe(202);
      failed = await waitForCall(service.baseUrl, 'C-A2-failed');
    } finally {
      await rename(`${modelDir}.away`, modelDir);
    }
    expect(failed.status).toBe('failed');

    await page.goto(`${service.baseUrl}/#/calls/C-A2-failed`);
    await page.getByTestId('call-failure').waitFor();
    expect(await page.getByTestId('call-failure').textContent()).toContain('CS_ERR_MODEL_MISSING');
    expect(await page.getByTestId('no-findings').textContent()).toBe('该通话在分析前失败，尚未检测话术陷阱。');
  });

  it('switches the language and remembers it', async () => {
    expect(await page.getByTestId('nav-queue').textContent()).toBe('复核队列');
    await page.getByTestId('lang-switch').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await page.getByTestId('nav-queue').textContent()).toBe('Review queue');

    await page.reload();
    await page.getByTestId('nav-queue').waitFor();
    expect(await page.getByTestId('nav-queue').textContent()).toBe('Review queue');

    await page.getByTestId('lang-switch').click();
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    expect(await page.getByTestId('nav-queue').textContent()).toBe('复核队列');
  });

  it('shows a rep only their own calls', async () => {
    await signOut();
    await signIn(scenario.repA1);
    await page.getByTestId('calls-table').waitFor();
    await page.getByTestId('call-row').first().waitFor();

    const callIds = await page.getByTestId('call-row').evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.callId));
    expect(new Set(callIds)).toEqual(new Set([scenario.calls.audioA1, scenario.calls.transcriptA1]));
    expect(await page.getByTestId('nav-queue').count()).toBe(0);
  });

  it('shows not found for another rep\'s call', async () => {
    await page.goto(`${service.baseUrl}/#/calls/${scenario.calls.transcriptA2}`);
    await page.getByTestId('not-found').waitFor();
    expect(await page.getByTestId('transcript').count()).toBe(0);
  });

  it('sends a rep from the queue to their calls', async () => {
    await page.goto(`${service.baseUrl}/#/queue`);
    await page.waitForURL(/#\/calls$/);
    await page.getByTestId('calls-table').waitFor();
  });

  it('lets a rep acknowledge a coaching note', async () => {
    await page.getByTestId('nav-notes').click();
    const note = page.getByTestId('my-note').first();
    await note.waitFor();
    expect(await note.textContent()).toContain('逼单话术');
    await note.getByTestId('note-acknowledge').click();
    await note.getByTestId('note-acknowledged').waitFor();

    const { body } = await getJson(service.baseUrl, `/v1/calls/${scenario.calls.transcriptA1}/notes`);
    const notes = Array.isArray(body) ? body : body.items;
    expect(notes[0].acknowledgedAt).not.toBeNull();
  });

  it('loads without security policy violations', () => {
    expect(policyViolations).toEqual([]);
  });
});
