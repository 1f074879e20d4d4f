/**
 * Measures the ASR stage on generated calls of 1, 10 and 60 minutes: decode
 * plus VAD and speech gate alone, and full transcription with each speech
 * model present. Every measurement runs in its own child process, so its
 * peak RSS is its own. The child starts the two VAD helper threads before
 * the clock starts, as the ASR worker does when it starts. It prints
 * real-time factor (processing time over audio time), audio hours per
 * CPU-core hour (CPU time of Node, its threads and its ffmpeg child) and
 * peak RSS of the Node process as a Markdown table. Decode plus VAD is
 * measured twice: on the first call of a process, and in another child on
 * a second call after one untimed call, as a worker that has already
 * handled a call runs it. On the 1-minute call each recognizer is also
 * measured on a second call, with its model already loaded.
 *
 * Run `npx tsx bench/asr.ts [minutes,...]` (default 1,10,60). Models are
 * looked up in CALLSCORE_MODELS_DIR (models/ unless set). The SenseVoice
 * fixture model from tests/fixtures always counts as present, and the
 * report names every catalogue recognizer that is absent. A stand-in with
 * the layer sizes of SenseVoice-Small int8 and random weights
 * (scripts/make-sense-voice-standin.ts) is built into the scratch folder
 * and measured with 1 and 2 recognizer threads. Its speed estimates that
 * of the real model, and its text is meaningless.
 */
import { execFile, spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { writeStandin } from '../scripts/make-sense-voice-standin.js';
import { PROJECT_ROOT } from '../src/config/config.js';
import { ASR_ENGINES, isInstalled, loadCatalog, modelFiles, type AsrEngine } from '../src/asr/models/catalog.js';
import { classifySegment } from '../src/asr/speech-gate.js';
import { transcribeAudio, type RecognizerCache } from '../src/asr/transcribe-audio.js';
import type { WorkerJob } from '../src/asr/types.js';
import { startVadThreads, ThreadedSpeechDetector } from '../src/asr/threaded-vad.js';
import { decodeAudio, streamAudio } from '../src/ingest/decode.js';
import { ffmpegPath } from '../src/ingest/ffmpeg.js';

const run = promisify(execFile);
const FIXTURE_MODEL_DIR = join(PROJECT_ROOT, 'tests/fixtures/models/sense-voice-tiny');

/** One measurement as a child process reports it. */
interface Measurement {
  audioMs: number;
  wallMs: number;
  cpuMs: number;
  maxRssMb: number;
  segments: number;
}

/** A transcription child's job: the model and where its files are. */
interface ModelJob {
  name: string;
  engine: AsrEngine;
  modelsDir: string;
  /** onnxruntime threads of the recognizer, 1 unless set. */
  threads?: number;
}

// ---- child side -------------------------------------------------------------

// CPU time of finished child processes (ffmpeg), from fields 16 and 17 of /proc/self/stat, in
// clock ticks of 10 ms (the Linux default USER_HZ). It stays 0 where /proc is missing.
async function childrenCpuMs(): Promise<number> {
  try {
    const stat = await readFile('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return 0;
  }
}

// Returns the peak RSS of this process in MB. getrusage keeps its figures across exec (getrusage(2)),
// so the child would report the parent's peak, which includes the stand-in model. VmHWM in
// /proc/self/status starts afresh at exec. getrusage is the fallback where /proc is missing.
async function peakRssMb(): Promise<number> {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(await readFile('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]) / 1024;
  } catch {
    // fall through
  }
  return process.resourceUsage().maxRSS / 1024;
}

async function measure(work: () => Promise<{ audioMs: number; segments: number }>): Promise<Measurement> {
  const cpuStart = process.cpuUsage();
  const childrenStart = await childrenCpuMs();
  const wallStart = performance.now();
  const { audioMs, segments } = await work();
  const cpu = process.cpuUsage(cpuStart);
  const childrenCpu = (await childrenCpuMs()) - childrenStart;
  return {
    audioMs,
    wallMs: performance.now() - wallStart,
    cpuMs: (cpu.user + cpu.system) / 1000 + childrenCpu,
    maxRssMb: await peakRssMb(),
    segments,
  };
}

async function decodeAndDetect(audioPath: string): Promise<{ audioMs: number; segments: number }> {
  let segments = 0;
  let detectors: ThreadedSpeechDetector[] = [];
  const onSegment = (segment: { samples: Float32Array }): void => {
    if (classifySegment(segment.samples) === 'speech') segments++;
  };
  const decoded = await streamAudio(audioPath, {
    start: ({ channels }) => {
      detectors = Array.from({ length: channels }, () => new ThreadedSpeechDetector(1, onSegment));
    },
    data: (chunk) => detectors.forEach((detector, channel) => detector.accept(chunk[channel]!)),
  });
  await Promise.all(detectors.map((detector) => detector.finish()));
  return { audioMs: decoded.durationMs, segments };
}

async function decodeWhole(audioPath: string): Promise<{ audioMs: number; segments: number }> {
  const audio = await decodeAudio(audioPath);
  return { audioMs: audio.durationMs, segments: 0 };
}

async function transcribe(audioPath: string, model: ModelJob, cache: RecognizerCache): Promise<{ audioMs: number; segments: number }> {
  const files = modelFiles(model.name, model.modelsDir, loadCatalog()[model.name]!);
  const job: WorkerJob = {
    id: 1,
    audioPath,
    layout: 'stereo-rep-left',
    language: 'auto',
    model: model.name,
    engine: model.engine,
    modelPath: files.model,
    decoderPath: files.decoder,
    tokensPath: files.tokens!,
    provider: 'cpu',
    modelVersion: 'bench',
    threads: model.threads ?? 1,
  };
  const result = await transcribeAudio(job, cache);
  return { audioMs: result.durationMs, segments: result.segments };
}

// Suffix of a child mode that times a second call after one untimed call.
const SECOND_CALL = '-second-call';

async function runChild(mode: string, audioPath: string, modelJson?: string): Promise<void> {
  // The ASR worker starts the VAD helper threads when it starts, so a running service has them loaded.
  await startVadThreads(2);
  const secondCall = mode.endsWith(SECOND_CALL);
  const task = secondCall ? mode.slice(0, -SECOND_CALL.length) : mode;
  // The ASR worker keeps its recognizer loaded between jobs, so both calls share one cache.
  const cache: RecognizerCache = new Map();
  let work: () => Promise<{ audioMs: number; segments: number }>;
  if (task === 'vad') {
    work = () => decodeAndDetect(audioPath);
  } else if (task === 'decode-whole') {
    work = () => decodeWhole(audioPath);
  } else {
    const model = JSON.parse(modelJson!) as ModelJob;
    work = () => transcribe(audioPath, model, cache);
  }

  // A worker that has already handled a call runs it with its code compiled and its model loaded.
  if (secondCall) await work();
  const measurement = await measure(work);
  process.stdout.write(`${JSON.stringify(measurement)}\n`);
}

// ---- parent side ------------------------------------------------------------

async function ffmpeg(args: string[]): Promise<void> {
  await run(ffmpegPath, ['-hide_banner', '-nostdin', '-v', 'error', '-y', ...args], { maxBuffer: 1 << 20 });
}

/**
 * Writes a one-minute stereo call of four exchanges: the rep's sentence on
 * the left channel, then the customer's reply on the right, with pauses.
 */
async function makeCallMinute(dir: string): Promise<string> {
  const rep = join(dir, 'rep.wav');
  const customer = join(dir, 'customer.wav');
  await run('espeak-ng', ['-v', 'cmn', '-w', rep, '我们这套系统可以帮您把交期缩短百分之二十，价格是每年两万元']);
  await run('espeak-ng', ['-v', 'en', '-w', customer, 'That sounds interesting, but the price is higher than our budget for this year.']);

  // Each 15 s exchange: rep from 0.5 s, customer from 8 s, each channel padded to exactly 15 s.
  const exchange = join(dir, 'exchange.wav');
  const pad = (delayMs: number): string => `aresample=16000,aformat=channel_layouts=mono,adelay=${delayMs},apad=whole_len=240000,atrim=end_sample=240000`;
  await ffmpeg([
    '-i', rep, '-i', customer,
    '-filter_complex', `[0:a]${pad(500)}[l];[1:a]${pad(8000)}[r];[l][r]amerge=inputs=2[out]`,
    '-map', '[out]', '-c:a', 'pcm_s16le', exchange,
  ]);
  // A line noise floor of about -65 dBFS, so pauses are not digital silence, which real lines rarely carry.
  const minute = join(dir, 'call-1min.wav');
  await ffmpeg([
    '-stream_loop', '3', '-i', exchange,
    '-f', 'lavfi', '-i', 'anoisesrc=color=white:amplitude=0.001:sample_rate=16000:duration=60',
    '-filter_complex', '[1:a]aformat=channel_layouts=stereo[noise];[0:a][noise]amix=inputs=2:duration=first,volume=2[out]',
    '-map', '[out]', '-c:a', 'pcm_s16le', minute,
  ]);
  return minute;
}

async function makeCall(minute: string, minutes: number, dir: string): Promise<string> {
  const path = join(dir, `call-${minutes}min.wav`);
  await ffmpeg(['-stream_loop', String(minutes - 1), '-i', minute, '-c:a', 'pcm_s16le', path]);
  return path;
}

function measureInChild(mode: string, audioPath: string, model?: ModelJob): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const args = ['--import', 'tsx', new URL(import.meta.url).pathname, '--child', mode, audioPath];
    if (model) args.push(JSON.stringify(model));
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      stdout += text;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(JSON.parse(stdout.trim().split('\n').at(-1)!) as Measurement);
      else reject(new Error(`bench child "${mode}" exited with code ${code}`));
    });
  });
}

/** Recognizers in the models directory, plus the fixture, and the names of the absent ones. */
async function findModels(scratch: string): Promise<{ present: Array<ModelJob & { label: string }>; absent: string[] }> {
  const catalog = loadCatalog();
  const modelsDir = process.env.CALLSCORE_MODELS_DIR ?? join(PROJECT_ROOT, 'models');
  const present: Array<ModelJob & { label: string }> = [];
  const absent: string[] = [];
  for (const [name, entry] of Object.entries(catalog)) {
    if (!(ASR_ENGINES as readonly string[]).includes(entry.engine)) continue;
    const engine = entry.engine as AsrEngine;
    if (isInstalled(modelFiles(name, modelsDir, entry))) present.push({ name, engine, modelsDir, label: name });
    else absent.push(name);
  }

  const fixtureDir = join(scratch, 'models');
  await mkdir(fixtureDir, { recursive: true });
  await cp(FIXTURE_MODEL_DIR, join(fixtureDir, 'sense-voice-small-int8'), { recursive: true });
  present.push({ name: 'sense-voice-small-int8', engine: 'sense-voice', modelsDir: fixtureDir, label: 'sense-voice fixture (tests/fixtures, few KB)' });

  const standinDir = join(scratch, 'standin-models');
  const standin = writeStandin(join(standinDir, 'sense-voice-small-int8'));
  const standinMb = (standin.modelBytes / 1e6).toFixed(0);
  for (const threads of [1, 2]) {
    const label = `SenseVoice-Small-shaped stand-in, random weights, not the real model (${standinMb} MB, ${threads} thread${threads === 1 ? '' : 's'})`;
    present.push({ name: 'sense-voice-small-int8', engine: 'sense-voice', modelsDir: standinDir, threads, label });
  }
  return { present, absent };
}

function row(label: string, minutes: number, measurement: Measurement): string {
  const realTimeFactor = measurement.wallMs / measurement.audioMs;
  const audioHoursPerCoreHour = measurement.audioMs / measurement.cpuMs;
  return `| ${label} | ${minutes} min | ${(1 / realTimeFactor).toFixed(0)}x (RTF ${realTimeFactor.toFixed(4)}) | ${audioHoursPerCoreHour.toFixed(0)} | ${measurement.maxRssMb.toFixed(0)} MB | ${measurement.segments} |`;
}

async function main(): Promise<void> {
  const minutesList = (process.argv[2] ?? '1,10,60').split(',').map(Number);
  const scratch = await mkdtemp(join(tmpdir(), 'callscore-bench-asr-'));
  try {
    const minute = await makeCallMinute(scratch);
    const { present, absent } = await findModels(scratch);
    // Writing back the 238 MB stand-in while the first row runs would slow that row down.
    await run('sync', []);

    const lines = [
      `Machine: ${cpus().length} logical CPUs, "${cpus()[0]?.model ?? 'unknown'}", Node ${process.version}, ${new Date().toISOString().slice(0, 10)}.`,
      'Audio: generated stereo call (espeak-ng; per 15 s the rep speaks about 10 s on the left, the customer about 4 s on the right; white noise floor near -65 dBFS), 16 kHz 16-bit wav.',
      'Stand-in rows: same interface, layer sizes and operators as SenseVoice-Small int8, seeded random weights (scripts/make-sense-voice-standin.ts). Not the real model and its text is meaningless; the figure estimates the real model\'s speed and does not replace measuring it.',
      'Every transcription row includes loading its model, except the second-call rows, measured after one untimed call with the model kept loaded.',
      '',
      '| measurement | call | speed (real-time factor) | audio h per CPU-core h | peak RSS | speech segments |',
      '| --- | --- | --- | --- | --- | --- |',
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    const loadBefore = loadavg()[0]!;
    for (const minutes of minutesList) {
      const call = minutes === 1 ? minute : await makeCall(minute, minutes, scratch);
      process.stdout.write(`${row('decode + VAD + speech gate (streamed), first call', minutes, await measureInChild('vad', call))}\n`);
      process.stdout.write(`${row('decode + VAD + speech gate (streamed), second call', minutes, await measureInChild(`vad${SECOND_CALL}`, call))}\n`);
      process.stdout.write(`${row('decode into memory (decodeAudio, no VAD)', minutes, await measureInChild('decode-whole', call))}\n`);
      for (const model of present) {
        process.stdout.write(`${row(`transcription: ${model.label}`, minutes, await measureInChild('transcribe', call, model))}\n`);
        // On a short call the model load weighs most, so it is also measured without it.
        if (minutes === 1) {
          process.stdout.write(`${row(`transcription, second call: ${model.label}`, minutes, await measureInChild(`transcribe${SECOND_CALL}`, call, model))}\n`);
        }
      }
      if (minutes !== 1) await rm(call, { force: true });
    }
    process.stdout.write(`\nAbsent models (not measured): ${absent.length === 0 ? 'none' : absent.join(', ')}.\n`);
    // Other processes share the cores, and the real-time factor counts the time spent waiting for one.
    process.stdout.write(`Load average (1 min) before the first and after the last measurement: ${loadBefore.toFixed(1)}, ${loadavg()[0]!.toFixed(1)}.\n`);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') await runChild(process.argv[3]!, process.argv[4]!, process.argv[5]);
else await main();
