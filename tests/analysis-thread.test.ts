/** The analysis worker thread gives the same results as analysing on the main thread, and keeps the event loop free. */
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeTranscript } from '../src/pitfalls/index.js';
import { extractCall } from '../src/nlu/extract-call.js';
import { parseTeamSettings } from '../src/settings/team-settings.js';
import { parseGlossary } from '../src/nlu/glossary.js';
import { analyzeInThread, closeAnalysisThread, extractInThread } from '../src/runtime/analysis-thread.js';
import type { Transcript } from '../src/domain/transcript.js';

const transcript: Transcript = {
  rolesKnown: true,
  callEnded: true,
  turns: [
    { speaker: 'customer', text: '你们价格太贵了，远程诊断响应不能超过15分钟。', startMs: 0, endMs: 4000 },
    { speaker: 'rep', text: '我们保证百分之百没问题，全网最低价。', startMs: 4200, endMs: 8000 },
    { speaker: 'customer', text: 'OK, send me the quote.', startMs: 8200, endMs: 9500 },
    { speaker: 'rep', text: 'Sure, I will try to send it soon.', startMs: 9700, endMs: 65000 },
  ],
};

afterAll(async () => {
  await closeAnalysisThread();
});

describe('analysis thread', () => {
  it('matches main-thread analysis', async () => {
    const settings = parseTeamSettings({});
    expect(await analyzeInThread(transcript, settings)).toEqual(analyzeTranscript(transcript, settings.detection));
  });

  it('matches main-thread extraction', async () => {
    const glossary = parseGlossary({});
    expect(await extractInThread(transcript, glossary)).toEqual(extractCall(transcript, glossary));
  });

  it('leaves the event loop free during a long transcript', async () => {
    const turns = Array.from({ length: 8000 }, (_, i) => ({
      speaker: (i % 2 ? 'rep' : 'customer') as 'rep' | 'customer',
      text: i % 2 ? '我们保证没问题，下周给您答复。' : '价格有点贵，我们再考虑一下。',
      startMs: i * 3000,
      endMs: i * 3000 + 2500,
    }));
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const analysis = await analyzeInThread({ turns, rolesKnown: true, callEnded: true }, parseTeamSettings({}));
    clearInterval(timer);
    expect(analysis.findings.length).toBeGreaterThan(0);
    // The timer fires while the thread works; on the main thread it could not fire at all.
    expect(ticks).toBeGreaterThan(2);
  });

  it('rejects bad input and keeps working', async () => {
    const broken = { turns: null, rolesKnown: true, callEnded: true } as unknown as Transcript;
    await expect(analyzeInThread(broken, parseTeamSettings({}))).rejects.toThrow();
    expect((await analyzeInThread(transcript, parseTeamSettings({}))).findings.length).toBeGreaterThan(0);
  });
});
