import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterSpeakers, voiceprint } from '../src/asr/diarize.js';
import { diarizerConfig, findDiarizationModels } from '../src/asr/diarizer.js';
import { guessRoles, ROLE_CONFIDENCE_THRESHOLD } from '../src/asr/roles.js';
import { closeTranscriber, transcribeRecording } from '../src/asr/transcribe.js';
import { decodeAudio } from '../src/ingest/decode.js';
import { concatWav, makePitchedSpeechWav } from './fixtures/audio/call-audio.js';
import { makeSilenceWav } from './helpers/audio.js';

const FIXTURE_MODEL_DIR = new URL('./fixtures/models/sense-voice-tiny/', import.meta.url).pathname;

const LINES = [
  'Hello, this is Anna from Bright Systems.',
  'Hi, what is this about?',
  'We help factories cut downtime with our software.',
  'We already have a system for that.',
  'Our price starts at two thousand yuan a year.',
  'That sounds expensive to me.',
];

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'callscore-diarize-'));
});

afterAll(async () => {
  await closeTranscriber();
  await rm(dir, { recursive: true, force: true });
});

/** Speaks the lines alternately in two voices and returns one file per line. */
async function speakAlternately(name: string, voices: Array<[string, number]>): Promise<string[]> {
  const paths: string[] = [];
  for (const [i, line] of LINES.entries()) {
    const [voice, pitch] = voices[i % 2]!;
    const path = join(dir, `${name}-${i}.wav`);
    await makePitchedSpeechWav(path, line, voice, pitch);
    paths.push(path);
  }
  return paths;
}

async function voiceprints(paths: string[]): Promise<Array<Float64Array | null>> {
  return Promise.all(paths.map(async (path) => voiceprint((await decodeAudio(path)).channels[0]!)));
}

describe('clusterSpeakers', () => {
  it.each([
    { name: 'male and female', voices: [['en', 50], ['en+f3', 50]] as Array<[string, number]> },
    { name: 'low and high pitch', voices: [['en', 30], ['en', 70]] as Array<[string, number]> },
    { name: 'Mandarin pitches', voices: [['cmn', 40], ['cmn', 70]] as Array<[string, number]> },
  ])('separates $name', async ({ name, voices }) => {
    const clusters = clusterSpeakers(await voiceprints(await speakAlternately(name.replaceAll(' ', '-'), voices)));

    expect(clusters.twoSpeakers).toBe(true);
    const first = clusters.labels[0];
    expect(clusters.labels).toEqual(LINES.map((_, i) => (i % 2 === 0 ? first : 1 - first!)));
  });

  it('finds one voice in a monologue', async () => {
    const clusters = clusterSpeakers(await voiceprints(await speakAlternately('same', [['en', 50], ['en', 50]])));
    expect(clusters.twoSpeakers).toBe(false);
  });

  it('skips segments without a voiceprint', () => {
    const clusters = clusterSpeakers([null, new Float64Array([1, 2]), null]);
    expect(clusters.labels).toEqual([null, 0, null]);
    expect(clusters.twoSpeakers).toBe(false);
  });

  it('returns no voiceprint for silence', () => {
    expect(voiceprint(new Float32Array(16000))).toBeNull();
  });
});

describe('guessRoles', () => {
  it.each([
    {
      name: 'Mandarin rep first',
      utterances: [
        { speaker: 0, text: '您好，我是华信科技公司的小王，打扰您一下。' },
        { speaker: 1, text: '什么事？' },
        { speaker: 0, text: '我们的系统可以给您做个演示，这个月还有优惠。' },
        { speaker: 1, text: '你们的价格多少钱？我们预算不多。' },
      ],
      rep: 0,
    },
    {
      name: 'English rep second',
      utterances: [
        { speaker: 0, text: 'Hello?' },
        { speaker: 1, text: "Hi, this is Tom from Acme, I'm calling about our platform." },
        { speaker: 0, text: 'How much is your product? We already have a vendor.' },
        { speaker: 1, text: 'Let me walk you through it, pricing is per seat.' },
      ],
      rep: 1,
    },
  ] as const)('finds the rep: $name', ({ utterances, rep }) => {
    const guess = guessRoles(utterances);
    expect(guess.repSpeaker).toBe(rep);
    expect(guess.confidence).toBeGreaterThanOrEqual(ROLE_CONFIDENCE_THRESHOLD);
  });

  it('stays unsure without cues', () => {
    const guess = guessRoles([
      { speaker: 0, text: '好的' },
      { speaker: 1, text: '嗯，明白' },
    ]);
    expect(guess.repSpeaker).toBeNull();
    expect(guess.confidence).toBe(0.5);
  });

  it('reports one cue below the threshold', () => {
    const guess = guessRoles([
      { speaker: 0, text: '我们这个月有优惠' },
      { speaker: 1, text: '好的' },
    ]);
    expect(guess.repSpeaker).toBe(0);
    expect(guess.confidence).toBeLessThan(ROLE_CONFIDENCE_THRESHOLD);
  });
});

describe('transcribeRecording mono diarization', () => {
  it('labels two voices and keeps roles unknown without cues', async () => {
    const modelsDir = join(dir, 'models');
    await mkdir(modelsDir, { recursive: true });
    await cp(FIXTURE_MODEL_DIR, join(modelsDir, 'sense-voice-small-int8'), { recursive: true });
    const lines = await speakAlternately('call', [['en', 50], ['en+f3', 50]]);
    const pause = join(dir, 'pause.wav');
    await makeSilenceWav(pause, { seconds: 1 });
    const call = join(dir, 'mono-call.wav');
    await concatWav(lines.flatMap((line) => [pause, line]), call);

    const result = await transcribeRecording({ audioPath: call, layout: 'mono', language: 'auto', modelsDir });

    expect(result.turns).toHaveLength(LINES.length);
    expect(result.diarization?.twoSpeakers).toBe(true);
    const voices = result.turns.map((turn) => turn.diarizedSpeaker);
    expect(voices).toEqual(LINES.map((_, i) => (i % 2 === 0 ? voices[0] : 1 - voices[0]!)));
    // The fixture model outputs one sentence for every segment, so both voices get the same text and no role is guessed.
    expect(result.diarization?.repSpeaker).toBeNull();
    expect(result.rolesKnown).toBe(false);
    expect(result.turns.every((turn) => turn.speaker === 'unknown')).toBe(true);
  });
});

describe('model diarizer', () => {
  it('finds the pair only when both are installed', async () => {
    const modelsDir = await mkdtemp(join(dir, 'diarization-models-'));
    await mkdir(join(modelsDir, 'speaker-segmentation-pyannote-3-0'));
    await writeFile(join(modelsDir, 'speaker-segmentation-pyannote-3-0', 'model.onnx'), 'segmentation');
    expect(findDiarizationModels(modelsDir)).toBeNull();

    await mkdir(join(modelsDir, 'speaker-embedding-eres2net-base-zh'));
    await writeFile(join(modelsDir, 'speaker-embedding-eres2net-base-zh', '3dspeaker_speech_eres2net_base_sv_zh-cn_3dspeaker_16k.onnx'), 'embedding');
    expect(findDiarizationModels(modelsDir)).toEqual({
      segmentation: join(modelsDir, 'speaker-segmentation-pyannote-3-0', 'model.onnx'),
      embedding: join(modelsDir, 'speaker-embedding-eres2net-base-zh', '3dspeaker_speech_eres2net_base_sv_zh-cn_3dspeaker_16k.onnx'),
    });
  });

  it('builds a two-speaker config', () => {
    const config = diarizerConfig({ segmentation: '/s.onnx', embedding: '/e.onnx' }, 2, 'cpu');
    expect(config.segmentation.pyannote.model).toBe('/s.onnx');
    expect(config.embedding.model).toBe('/e.onnx');
    expect(config.clustering.numClusters).toBe(2);
    expect(config.segmentation.numThreads).toBe(2);
    expect(config.embedding.provider).toBe('cpu');
  });
});
