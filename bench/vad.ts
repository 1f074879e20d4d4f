/**
 * Compares the Silero VAD models and window sizes that sherpa-onnx 1.13.8
 * accepts at 16 kHz, and one against two onnxruntime threads. Each setting
 * loads its model, then runs over 60 s of continuous espeak-ng speech, so
 * every window reaches the model. It prints the load time and the CPU and
 * wall time of the run as a Markdown table, three runs per setting.
 *
 * Run `npx tsx bench/vad.ts`. It needs espeak-ng on the PATH.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sherpa } from '../src/asr/sherpa.js';
import { decodeAudio } from '../src/ingest/decode.js';
import { ffmpegPath } from '../src/ingest/ffmpeg.js';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const SAMPLE_RATE = 16000;
const SECONDS = 60;
const RUNS = 3;

interface Setting {
  model: 'v5' | 'legacy';
  windowSize: number;
  threads: number;
}

const SETTINGS: Setting[] = [
  { model: 'v5', windowSize: 512, threads: 1 },
  { model: 'legacy', windowSize: 512, threads: 1 },
  { model: 'legacy', windowSize: 1024, threads: 1 },
  { model: 'legacy', windowSize: 1536, threads: 1 },
  { model: 'legacy', windowSize: 1024, threads: 2 },
];

// Writes 60 s of Mandarin speech without pauses, by looping one espeak-ng sentence.
async function makeSpeech(dir: string): Promise<Float32Array> {
  const sentence = join(dir, 'sentence.wav');
  const speech = join(dir, 'speech.wav');
  await run('espeak-ng', ['-v', 'cmn', '-w', sentence, '我们这套系统可以帮您把交期缩短百分之二十，价格是每年两万元，这个方案您觉得怎么样']);
  await run(ffmpegPath, ['-v', 'error', '-y', '-stream_loop', '-1', '-i', sentence, '-ar', String(SAMPLE_RATE), '-ac', '1', '-t', String(SECONDS), speech]);
  return (await decodeAudio(speech)).channels[0]!;
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

function measure(setting: Setting, samples: Float32Array): { loadMs: number; cpuMs: number; wallMs: number } {
  const loadStart = performance.now();
  const vad = new sherpa.Vad(
    {
      sileroVad: {
        model: require.resolve(`@ricky0123/vad-web/dist/silero_vad_${setting.model}.onnx`),
        threshold: 0.5,
        minSilenceDuration: 0.5,
        minSpeechDuration: 0.15,
        maxSpeechDuration: 20,
        windowSize: setting.windowSize,
      },
      sampleRate: SAMPLE_RATE,
      numThreads: setting.threads,
      provider: 'cpu',
      debug: 0,
    },
    30,
  );
  const loadMs = performance.now() - loadStart;

  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  for (let offset = 0; offset + setting.windowSize <= samples.length; offset += setting.windowSize) {
    vad.acceptWaveform(samples.subarray(offset, offset + setting.windowSize));
    while (!vad.isEmpty()) vad.pop();
  }
  vad.flush();
  return { loadMs, cpuMs: cpuMs(cpuStart), wallMs: performance.now() - wallStart };
}

function range(values: number[]): string {
  return `${Math.min(...values).toFixed(0)} to ${Math.max(...values).toFixed(0)} ms`;
}

const dir = await mkdtemp(join(tmpdir(), 'callscore-bench-vad-'));
try {
  const samples = await makeSpeech(dir);
  const loadBefore = loadavg()[0]!;
  const lines = [
    `Machine: ${cpus().length} logical CPUs, "${cpus()[0]?.model ?? 'unknown'}", Node ${process.version}, ${new Date().toISOString().slice(0, 10)}.`,
    `Audio: ${SECONDS} s of continuous espeak-ng Mandarin speech, 16 kHz; ${RUNS} runs per setting.`,
    '',
    '| model | window | threads | load time | CPU time | wall time |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const setting of SETTINGS) {
    const runs = Array.from({ length: RUNS }, () => measure(setting, samples));
    const model = setting.model === 'v5' ? 'Silero v5' : 'Silero v4 (legacy)';
    lines.push(
      `| ${model} | ${setting.windowSize} | ${setting.threads} | ${range(runs.map((r) => r.loadMs))} | ${range(runs.map((r) => r.cpuMs))} | ${range(runs.map((r) => r.wallMs))} |`,
    );
  }
  lines.push('', `Load average (1 min) before and after: ${loadBefore.toFixed(1)}, ${loadavg()[0]!.toFixed(1)}.`);
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
