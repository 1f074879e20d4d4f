/**
 * The work done inside the ASR worker for one job: stream the decoded
 * recording through the VAD per channel, drop segments that are not speech,
 * recognize the rest one by one and build the turns.
 * Everything here blocks its thread, which is why it runs in the worker.
 */
import { basename } from 'node:path';
import { CallscoreError } from '../errors/registry.js';
import { DECODE_SAMPLE_RATE, streamAudio } from '../ingest/decode.js';
import { ChannelCorrelation } from '../ingest/dual-mono.js';
import { clusterSpeakers, voiceprint } from './diarize.js';
import type { SpeechSpan } from './overlap.js';
import { createRecognizer, recognizeSegment, textCapabilities } from './recognizer.js';
import type { OfflineRecognizer, VadSegment } from './sherpa.js';
import { classifySegment } from './speech-gate.js';
import { polishSegmentText } from './text.js';
import { guessRoles, ROLE_CONFIDENCE_THRESHOLD } from './roles.js';
import { utterancesToTurns } from './turns.js';
import { decideRoles, matchEnrolledVoice } from './voice-match.js';
import type { AsrResult, DiarizationSummary, Utterance, WorkerJob } from './types.js';
import { ThreadedSpeechDetector } from './threaded-vad.js';
import { VAD_THREADS } from './vad.js';

/** Recognizers already loaded in this thread, keyed by model version, language, thread count and provider. */
export type RecognizerCache = Map<string, OfflineRecognizer>;

function loadRecognizer(job: WorkerJob, cache: RecognizerCache): OfflineRecognizer {
  const key = `${job.modelVersion}|${job.language}|${job.threads}|${job.provider}`;
  let recognizer = cache.get(key);
  if (!recognizer) {
    recognizer = createRecognizer(job);
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
 * Transcribes the recording of `job` while ffmpeg decodes it, segment by
 * segment, so memory stays flat in call length. A stereo layout needs two
 * channels and rejects a mono file with CS_ERR_AUDIO_NO_CHANNEL. A stereo
 * file whose channels carry the same mix is transcribed as mono, with
 * roles unknown. A mono layout mixes all channels into one. Segments the
 * speech gate rejects (silence, tones, music) are never recognized.
 */
export async function transcribeAudio(job: WorkerJob, cache: RecognizerCache): Promise<AsrResult> {
  const recognizer = loadRecognizer(job, cache);
  const capabilities = textCapabilities(job.engine);
  const declaredMono = job.layout === 'mono';
  const correlation = new ChannelCorrelation();
  const utterances: Utterance[] = [];
  // Voiceprints of the first channel's utterances, for diarization if the call turns out to be mono.
  const voiceprints = new Map<Utterance, Float64Array | null>();
  const speech: SpeechSpan[] = [];
  let detectors: ThreadedSpeechDetector[] = [];
  let rejectedSegments = 0;

  const onSegment = (channel: number) => (segment: VadSegment) => {
    if (classifySegment(segment.samples) !== 'speech') {
      rejectedSegments++;
      return;
    }
    const span = { channel, startMs: samplesToMs(segment.start), endMs: samplesToMs(segment.start + segment.samples.length) };
    speech.push(span);
    const text = polishSegmentText(recognizeSegment(recognizer, segment.samples), capabilities);
    const utterance = { ...span, text };
    utterances.push(utterance);
    // A stereo call only needs voiceprints while it still looks like dual-mono.
    if (channel === 0 && (declaredMono || correlation.isDualMono())) voiceprints.set(utterance, voiceprint(segment.samples));
  };

  const decoding = streamAudio(
    job.audioPath,
    {
      start: ({ channels }) => {
        if (!declaredMono && channels < 2) {
          throw new CallscoreError('CS_ERR_AUDIO_NO_CHANNEL', { filename: basename(job.audioPath), channels, layout: job.layout });
        }
        const tracked = declaredMono ? 1 : 2;
        detectors = Array.from({ length: tracked }, (_, channel) => new ThreadedSpeechDetector(VAD_THREADS, onSegment(channel)));
      },
      data: (chunk) => {
        if (declaredMono) {
          detectors[0]!.accept(mixToMono(chunk));
          return;
        }
        correlation.add(chunk[0]!, chunk[1]!);
        detectors.forEach((detector, channel) => detector.accept(chunk[channel]!));
      },
    },
    { maxChannels: 2 },
  );
  let decoded: Awaited<typeof decoding>;
  try {
    decoded = await decoding;
  } catch (error) {
    for (const detector of detectors) detector.abort();
    throw error;
  }
  await Promise.all(detectors.map((detector) => detector.finish()));

  // NOTE: dual-mono is only known once the whole file is read, so both of its
  // channels are recognized and the second is then dropped, which doubles
  // the recognition time of such files.
  const dualMono = !declaredMono && correlation.isDualMono();
  const layout = dualMono ? 'mono' : job.layout;
  const kept = dualMono ? utterances.filter((utterance) => utterance.channel === 0) : utterances;
  const segments = dualMono ? speech.filter((span) => span.channel === 0).length : speech.length;
  const result = { durationMs: decoded.durationMs, model: job.model, segments, rejectedSegments, dualMono };
  if (layout !== 'mono') return { ...result, turns: utterancesToTurns(kept, layout, { speech }), rolesKnown: true };

  const repVoice = job.repVoiceCentre ? Float64Array.from(job.repVoiceCentre) : null;
  const diarization = diarizeMono(kept, voiceprints, repVoice);
  const rolesKnown = diarization.repSpeaker !== null && diarization.roleConfidence >= ROLE_CONFIDENCE_THRESHOLD;
  const repSpeaker = rolesKnown ? diarization.repSpeaker! : undefined;
  return { ...result, turns: utterancesToTurns(kept, 'mono', { repVoice: repSpeaker }), rolesKnown, diarization };
}

/**
 * Splits the utterances of a mono recording between two voices (setting
 * `voice` on each when two distinct voices are found) and decides the rep:
 * by the voice nearer the rep's enrolled voice when `repVoice` (the
 * profile's centre) is given and the match reaches
 * ROLE_CONFIDENCE_THRESHOLD, otherwise from the words of each voice. When
 * both are confident and disagree, no rep is decided (see decideRoles).
 * NOTE: this is the spectral fallback. It separates voices of clearly
 * different pitch and merges similar ones, so a call between two similar
 * voices stays without roles. The model-based diarizer in diarizer.ts is not
 * used here yet, because sherpa-onnx's diarization takes the whole recording
 * in memory, which the streaming transcription avoids.
 */
function diarizeMono(utterances: Utterance[], voiceprints: Map<Utterance, Float64Array | null>, repVoice: Float64Array | null): DiarizationSummary {
  const prints = utterances.map((utterance) => voiceprints.get(utterance) ?? null);
  const clusters = clusterSpeakers(prints);
  const summary: DiarizationSummary = {
    method: 'spectral',
    twoSpeakers: clusters.twoSpeakers,
    separation: clusters.separation,
    repSpeaker: null,
    roleConfidence: 0,
    roleMethod: null,
    enrolledVoiceConfidence: null,
  };
  if (!clusters.twoSpeakers) return summary;

  const voiced: Array<{ speaker: 0 | 1; text: string }> = [];
  utterances.forEach((utterance, i) => {
    const label = clusters.labels[i];
    if (label === null || label === undefined) return;
    utterance.voice = label;
    voiced.push({ speaker: label, text: utterance.text });
  });

  const match = repVoice ? matchEnrolledVoice(prints, clusters.labels, repVoice) : null;
  summary.enrolledVoiceConfidence = match?.confidence ?? null;
  const decision = decideRoles(match, guessRoles(voiced));
  return { ...summary, repSpeaker: decision.repSpeaker, roleConfidence: decision.confidence, roleMethod: decision.method };
}
