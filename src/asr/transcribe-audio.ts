/**
 * The work done inside the ASR worker for one job: decode the recording,
 * find speech per channel, recognize each segment and build the turns.
 * Everything here blocks its thread, which is why it runs in the worker.
 */
import { basename } from 'node:path';
import { CallscoreError } from '../errors/registry.js';
import { DECODE_SAMPLE_RATE, decodeAudio } from '../ingest/decode.js';
import { createSenseVoiceRecognizer, recognizeSegment } from './recognizer.js';
import type { OfflineRecognizer } from './sherpa.js';
import { utterancesToTurns } from './turns.js';
import type { AsrResult, Utterance, WorkerJob } from './types.js';
import { detectSpeech } from './vad.js';

/** Recognizers already loaded in this thread, keyed by model version, language and thread count. */
export type RecognizerCache = Map<string, OfflineRecognizer>;

function loadRecognizer(job: WorkerJob, cache: RecognizerCache): OfflineRecognizer {
  const key = `${job.modelVersion}|${job.language}|${job.threads}`;
  let recognizer = cache.get(key);
  if (!recognizer) {
    recognizer = createSenseVoiceRecognizer(job, job.language, job.threads);
    cache.set(key, recognizer);
  }
  return recognizer;
}

// Averaging keeps both speakers when a stereo file is declared mono.
function mixToMono(channels: Float32Array[]): Float32Array {
  if (channels.length === 1) return channels[0]!;
  const mixed = new Float32Array(channels[0]!.length);
  for (const channel of channels) {
    for (let i = 0; i < mixed.length; i++) mixed[i]! += channel[i]! / channels.length;
  }
  return mixed;
}

function samplesToMs(samples: number): number {
  return Math.round((samples / DECODE_SAMPLE_RATE) * 1000);
}

/**
 * Transcribes the recording of `job`. A stereo layout needs two channels and
 * rejects a mono file with CS_ERR_AUDIO_NO_CHANNEL. A mono layout mixes all
 * channels into one.
 */
export async function transcribeAudio(job: WorkerJob, cache: RecognizerCache): Promise<AsrResult> {
  const recognizer = loadRecognizer(job, cache);
  const audio = await decodeAudio(job.audioPath, { maxChannels: 2 });

  let channels = audio.channels;
  if (job.layout === 'mono') {
    channels = [mixToMono(channels)];
  } else if (channels.length < 2) {
    throw new CallscoreError('CS_ERR_AUDIO_NO_CHANNEL', {
      filename: basename(job.audioPath),
      channels: channels.length,
      layout: job.layout,
    });
  }

  const utterances: Utterance[] = [];
  let segments = 0;
  channels.forEach((samples, channel) => {
    for (const segment of detectSpeech(samples, job.threads)) {
      segments++;
      const text = recognizeSegment(recognizer, segment.samples);
      utterances.push({
        channel,
        startMs: samplesToMs(segment.start),
        endMs: samplesToMs(segment.start + segment.samples.length),
        text,
      });
    }
  });

  return {
    turns: utterancesToTurns(utterances, job.layout),
    rolesKnown: job.layout !== 'mono',
    durationMs: audio.durationMs,
    model: job.model,
    segments,
  };
}
