import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_SENTENCE } from '../scripts/make-sense-voice-fixture.js';
import { closeTranscriber, transcribeRecording } from '../src/asr/transcribe.js';
import { concatWav, makeDtmfWav, makeDualMonoFile, makeHoldMusicWav, makeNarrowbandWav, makeRingBackWav } from './fixtures/audio/call-audio.js';
import { convertAudio, joinStereo, makeSilenceWav, makeSpeechWav } from './helpers/audio.js';
import { getJson, installFixtureModel, makeTempDir, startService, upload, waitForCall, type Service } from './helpers/harness.js';

const MODEL = 'sense-voice-small-int8';
const FIXTURE_MODEL_DIR = new URL('./fixtures/models/sense-voice-tiny/', import.meta.url).pathname;

let dir: string;
let modelsDir: string;
let speech: string;
let noSpeech: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'callscore-call-audio-'));
  modelsDir = join(dir, 'models');
  await mkdir(modelsDir);
  await cp(FIXTURE_MODEL_DIR, join(modelsDir, MODEL), { recursive: true });

  speech = join(dir, 'speech.wav');
  await makeSpeechWav(speech, 'Our platform costs two thousand yuan per seat.', { padStartSeconds: 0.5, padEndSeconds: 0.5 });

  // What a caller hears before and while on hold: ring-back, silence, key beeps and music.
  const parts = ['ring-back', 'silence', 'dtmf', 'music'].map((name) => join(dir, `${name}.wav`));
  await makeRingBackWav(parts[0]!, 10);
  await makeSilenceWav(parts[1]!, { seconds: 2 });
  await makeDtmfWav(parts[2]!, 2);
  await makeHoldMusicWav(parts[3]!, 10);
  noSpeech = join(dir, 'no-speech.wav');
  await concatWav(parts, noSpeech);
});

afterEach(async () => {
  await closeTranscriber();
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('transcribeRecording call audio', () => {
  it('transcribes 8 kHz AMR speech', async () => {
    const narrow = join(dir, 'narrow.wav');
    const amr = join(dir, 'narrow.amr');
    await makeNarrowbandWav(speech, narrow);
    await convertAudio(narrow, amr);

    const result = await transcribeRecording({ audioPath: amr, layout: 'mono', language: 'auto', modelsDir });

    expect(result.turns.map((turn) => turn.text)).toEqual([FIXTURE_SENTENCE]);
    expect(result.turns[0]!.startMs).toBeGreaterThanOrEqual(250);
  });

  it.each(['wav', 'mp3'] as const)('transcribes dual-mono %s as mono', async (format) => {
    const dualMono = join(dir, `dual-mono.${format}`);
    await makeDualMonoFile(speech, dualMono);

    const result = await transcribeRecording({ audioPath: dualMono, layout: 'stereo-rep-left', language: 'auto', modelsDir });

    expect(result.dualMono).toBe(true);
    expect(result.rolesKnown).toBe(false);
    expect(result.segments).toBe(1);
    expect(result.turns).toHaveLength(1);
    expect(result.turns[0]!.speaker).toBe('unknown');
    expect(result.turns[0]!.overlapMs).toBeUndefined();
  });

  it('keeps a two-speaker stereo call stereo', async () => {
    const customer = join(dir, 'customer.wav');
    const stereo = join(dir, 'two-speakers.wav');
    await makeSpeechWav(customer, '这个价格太贵了', { voice: 'cmn', padStartSeconds: 5 });
    await joinStereo(speech, customer, stereo);

    const result = await transcribeRecording({ audioPath: stereo, layout: 'stereo-rep-left', language: 'auto', modelsDir });

    expect(result.dualMono).toBe(false);
    expect(result.rolesKnown).toBe(true);
    expect(result.turns.map((turn) => turn.speaker)).toEqual(['rep', 'customer']);
    expect(result.turns.map((turn) => turn.overlapMs)).toEqual([0, 0]);
  });

  it('measures overlapping speech of both channels', async () => {
    const customer = join(dir, 'interrupting-customer.wav');
    const stereo = join(dir, 'overlap.wav');
    // The customer starts talking 1.5 s into the rep's sentence, which runs for about 3 s.
    await makeSpeechWav(customer, '等一下，这个价格太贵了', { voice: 'cmn', padStartSeconds: 2, padEndSeconds: 1 });
    await joinStereo(speech, customer, stereo);

    const result = await transcribeRecording({ audioPath: stereo, layout: 'stereo-rep-left', language: 'auto', modelsDir });

    const rep = result.turns.find((turn) => turn.speaker === 'rep')!;
    const other = result.turns.find((turn) => turn.speaker === 'customer')!;
    const expected = Math.min(rep.endMs!, other.endMs!) - Math.max(rep.startMs!, other.startMs!);
    expect(expected).toBeGreaterThan(500);
    expect(rep.overlapMs).toBe(expected);
    expect(other.overlapMs).toBe(expected);
  });

  it('returns no turns for ring-back, beeps and hold music', async () => {
    const stereo = join(dir, 'no-speech-stereo.wav');
    await joinStereo(noSpeech, noSpeech.replace('no-speech', 'silence'), stereo);

    for (const [path, layout] of [[noSpeech, 'mono'], [stereo, 'stereo-rep-left']] as const) {
      const result = await transcribeRecording({ audioPath: path, layout, language: 'auto', modelsDir });
      expect(result.turns).toEqual([]);
      expect(result.segments).toBe(0);
      expect(result.durationMs).toBeGreaterThan(23_000);
    }
  });
});

describe('pipeline without speech', () => {
  let service: Service | undefined;

  afterAll(async () => {
    await service?.close();
  });

  it('scores a call with no speech instead of failing it', async () => {
    const serviceModels = await makeTempDir('models');
    await installFixtureModel(serviceModels);
    service = await startService({ modelsDir: serviceModels });

    const accepted = await upload(service.baseUrl, { path: noSpeech, filename: 'on-hold.wav', type: 'audio/wav' }, { channelLayout: 'mono', language: 'zh' });
    expect(accepted.status).toBe(202);
    const call = await waitForCall(service.baseUrl, accepted.body.id);

    expect(call.failure).toBeNull();
    expect(call.status).toBe('scored');
    expect(call.transcript.turns).toEqual([]);
    const fetched = await getJson(service.baseUrl, `/v1/calls/${accepted.body.id}`, { 'accept-language': 'en' });
    expect(fetched.body.status).toBe('scored');
    expect(fetched.body.speakers.note).toContain('No speech was found');
    const inChinese = await getJson(service.baseUrl, `/v1/calls/${accepted.body.id}`, { 'accept-language': 'zh-CN' });
    expect(inChinese.body.speakers.note).toContain('未检测到语音');
  });
});
