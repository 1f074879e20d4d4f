/**
 * Computes the voice profile of a rep from an enrolment sample: the sample
 * goes through the same VAD, speech gate and voiceprint as the segments of a
 * mono call in transcribe-audio.ts, so the profile and a call's voices can be
 * compared. The profile keeps voiceprints only, never samples.
 */
import { DECODE_SAMPLE_RATE, streamAudio } from '../ingest/decode.js';
import type { AudioProbe } from '../ingest/types.js';
import { SPECTRAL_DIARIZATION, voiceprint, voiceprintMean } from './diarize.js';
import { classifySegment } from './speech-gate.js';
import type { VadSegment } from './sherpa.js';
import { ThreadedSpeechDetector } from './threaded-vad.js';

/** Limits of an enrolment sample, in seconds. */
export const VOICE_ENROLMENT = {
  /** Speech (VAD segments the speech gate keeps) needed for a stable voiceprint. */
  minSpeechSeconds: 3,
  /** Speech from which a sample is rejected, because more adds nothing to a mean voiceprint. */
  maxSpeechSeconds: 120,
  /** Length of the recording itself, pauses included, from which it is rejected before decoding. */
  maxRecordingSeconds: 300,
} as const;

/** Voiceprints of an enrolled rep, as stored in rep_voices.profile. */
export interface VoiceProfile {
  /** Voiceprint kind, so profiles of another kind are never compared with these. */
  method: 'spectral';
  /** Bands of the spectral envelope, which must match SPECTRAL_DIARIZATION.bands. */
  bands: number;
  /** Mean of the segment voiceprints, the point compared with a call's voices. */
  centre: number[];
  /** Voiceprint of each speech segment of the sample. */
  prints: number[][];
}

/** A computed profile and the speech behind it. */
export interface ComputedVoiceProfile {
  profile: VoiceProfile;
  speechSeconds: number;
  segments: number;
}

/**
 * Decodes the sample at `audioPath` (its first channel) and returns the
 * voiceprints of its speech segments. `speechSeconds` counts every segment
 * the speech gate keeps, also those too short for a voiceprint, and
 * `profile.prints` is empty when no segment gave one. Rejects with the
 * decode errors of `streamAudio`.
 */
export async function computeVoiceProfile(audioPath: string, threads: number, probe?: AudioProbe, filename?: string): Promise<ComputedVoiceProfile> {
  const prints: Float64Array[] = [];
  let speechSamples = 0;
  const onSegment = (segment: VadSegment): void => {
    if (classifySegment(segment.samples) !== 'speech') return;
    speechSamples += segment.samples.length;
    const print = voiceprint(segment.samples);
    if (print !== null) prints.push(print);
  };

  const detector = new ThreadedSpeechDetector(threads, onSegment);
  try {
    await streamAudio(audioPath, { data: (chunk) => detector.accept(chunk[0]!) }, { maxChannels: 1, probe, filename });
  } catch (error) {
    detector.abort();
    throw error;
  }
  await detector.finish();

  const centre = voiceprintMean(prints);
  return {
    profile: {
      method: 'spectral',
      bands: SPECTRAL_DIARIZATION.bands,
      centre: centre ? Array.from(centre) : [],
      prints: prints.map((print) => Array.from(print)),
    },
    speechSeconds: speechSamples / DECODE_SAMPLE_RATE,
    segments: prints.length,
  };
}
