/**
 * Interruptions judged from the audio of stereo calls: generated recordings
 * where the rep channel speaks over the customer channel, or waits for it,
 * go through the fixture recognizer and the whole pipeline.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinStereo, makeSpeechWav } from './helpers/audio.js';
import { installFixtureModel, makeTempDir, startService, upload, waitForCall, type Service } from './helpers/harness.js';

const CUSTOMER_TEXT = 'Before we commit, our legal team needs to review every clause of the contract, and that usually takes two weeks.';
const REP_TEXT = 'I understand, but the offer ends this Friday, so let us sign the order today and sort out the legal review later.';

let dir: string;
let service: Service;
let customer: string;

beforeAll(async () => {
  dir = await makeTempDir('asr-interruption');
  const modelsDir = join(dir, 'models');
  await installFixtureModel(modelsDir);
  service = await startService({ modelsDir });

  // The customer speaks from 0.5 s for about 6 s.
  customer = join(dir, 'customer.wav');
  await makeSpeechWav(customer, CUSTOMER_TEXT, { padStartSeconds: 0.5, padEndSeconds: 0.5 });
});

afterAll(async () => {
  await service?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Uploads a stereo call with the rep on the left starting at `repStartSeconds`, and returns the scored call. */
async function scoreCall(name: string, repStartSeconds: number): Promise<any> {
  const rep = join(dir, `${name}-rep.wav`);
  const stereo = join(dir, `${name}.wav`);
  await makeSpeechWav(rep, REP_TEXT, { padStartSeconds: repStartSeconds, padEndSeconds: 0.5 });
  await joinStereo(rep, customer, stereo);

  const accepted = await upload(service.baseUrl, { path: stereo, filename: `${name}.wav`, type: 'audio/wav' }, { channelLayout: 'stereo-rep-left', language: 'en', dealId: `D-${name}` });
  expect(accepted.status).toBe(202);
  const call = await waitForCall(service.baseUrl, accepted.body.id);
  expect(call.failure).toBeNull();
  expect(call.status).toBe('scored');
  return call;
}

describe('interruption from stereo audio', () => {
  it('flags the rep speaking over the customer', async () => {
    const call = await scoreCall('over', 3);

    const turns = call.transcript.turns as Array<{ speaker: string; startMs: number; endMs: number; overlapMs: number | null }>;
    const repIndex = turns.findIndex((turn) => turn.speaker === 'rep');
    const rep = turns[repIndex]!;
    expect(rep.overlapMs).toBeGreaterThan(1000);

    const interruptions = call.findings.filter((finding: any) => finding.type === 'interruption');
    expect(interruptions).toHaveLength(1);
    expect(interruptions[0].turnIndex).toBe(repIndex);
    expect(interruptions[0].evidence[0].rule).toBe('measured-overlap');
    expect(interruptions[0].evidence[0].detail).toBe(`${rep.overlapMs} ms over customer turn 0, measured in the audio`);
  });

  it('flags nothing when the channels take turns', async () => {
    const call = await scoreCall('turns', 8);

    const turns = call.transcript.turns as Array<{ speaker: string; overlapMs: number | null }>;
    expect(turns.map((turn) => turn.speaker)).toEqual(['customer', 'rep']);
    expect(turns.map((turn) => turn.overlapMs)).toEqual([0, 0]);
    expect(call.findings.filter((finding: any) => finding.type === 'interruption')).toEqual([]);
  });
});
