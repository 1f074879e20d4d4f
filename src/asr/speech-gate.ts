/**
 * Rejects VAD segments that are not speech before they reach the recognizer:
 * near-silent stretches, and tonal sounds such as ring-back tones, DTMF
 * beeps and hold music. Their spectrum keeps the same sharp peaks from frame
 * to frame, while speech moves its pitch and formants all the time. A
 * recognizer fed such a segment tends to invent words.
 */
import { forEachFrameSpectrum, meanSquareToDb } from './spectrum.js';

// Bins below 94 Hz (mains hum, DC) and above 4 kHz (mostly noise on telephone audio) are ignored.
const FIRST_BIN = 3;
const LAST_BIN = 128;

/** Thresholds of `classifySegment`, tuned on espeak-ng speech against generated tones and music. */
export const SPEECH_GATE = {
  /** Segments quieter than this RMS level in dBFS are dropped as silence or line noise. */
  minLevelDb: -50,
  /** Share of the frame energy (in band) within two bins of the three strongest peaks above which a frame counts as tonal. */
  tonalPeakShare: 0.8,
  /**
   * Share of voiced frames that must be tonal and keep their main peak from
   * the previous frame for the segment to be rejected. Measured on espeak-ng
   * samples: tones, ring-back, DTMF and hold music 0.79 to 0.99, speech up to
   * 0.44 (high female voices, pitch 90 to 99), so 0.6 lies between them.
   */
  maxStableTonalShare: 0.6,
} as const;

/** Measured properties of one segment. */
export interface SegmentFeatures {
  levelDb: number;
  /** Frames with enough energy to judge, out of all frames. */
  voicedFrames: number;
  /** Share of voiced frames that are tonal and keep the main peak of the previous frame in the same bin. */
  stableTonalShare: number;
}

/** Verdict of the gate on one segment. */
export type SegmentClass = 'speech' | 'silence' | 'tonal';

/** Measures the level and tonal stability of a segment of 16 kHz samples. */
export function measureSegment(samples: Float32Array): SegmentFeatures {
  let sumSquares = 0;
  for (let i = 0; i < samples.length; i++) sumSquares += samples[i]! * samples[i]!;
  const levelDb = meanSquareToDb(sumSquares / Math.max(samples.length, 1));

  let voicedFrames = 0;
  let stableTonal = 0;
  let previousPeak = -10;
  const peaks = new Int32Array(PEAK_COUNT);
  forEachFrameSpectrum(samples, (meanSquare, power) => {
    // A frame 10 dB below the gate's level floor is a pause between words, not evidence either way.
    if (meanSquareToDb(meanSquare) < SPEECH_GATE.minLevelDb - 10) {
      previousPeak = -10;
      return;
    }
    voicedFrames++;

    let bandEnergy = 0;
    for (let bin = FIRST_BIN; bin < LAST_BIN; bin++) bandEnergy += power[bin]!;
    const peakCount = findStrongestPeaks(power, peaks);
    let peakEnergy = 0;
    for (let index = 0; index < peakCount; index++) peakEnergy += energyAround(power, peaks[index]!);
    const tonal = bandEnergy > 0 && peakEnergy / bandEnergy >= SPEECH_GATE.tonalPeakShare;
    const mainPeak = peakCount > 0 ? peaks[0]! : -10;
    // Only the same bin counts as stable. A high voice's pitch often moves by
    // less than a bin's 31 Hz from frame to frame, so a one-bin tolerance
    // took such voices for tones and discarded them.
    if (tonal && mainPeak === previousPeak) stableTonal++;
    previousPeak = mainPeak;
  });

  return { levelDb, voicedFrames, stableTonalShare: voicedFrames === 0 ? 0 : stableTonal / voicedFrames };
}

/** Classifies a segment of 16 kHz samples as speech, silence or a tonal non-speech sound. */
export function classifySegment(samples: Float32Array): SegmentClass {
  const features = measureSegment(samples);
  if (features.levelDb < SPEECH_GATE.minLevelDb || features.voicedFrames === 0) return 'silence';
  if (features.stableTonalShare > SPEECH_GATE.maxStableTonalShare) return 'tonal';
  return 'speech';
}

// Peaks that decide whether a frame is tonal.
const PEAK_COUNT = 3;

/**
 * Writes to `chosen` the strongest local maxima of the in-band power, at
 * least three bins apart, strongest first, and returns how many it found.
 * Of equal peaks the lower bin comes first. Each pass takes the strongest
 * peak not within two bins of one already chosen, which picks the same bins
 * as sorting all peaks and taking them greedily, without allocating.
 */
function findStrongestPeaks(power: Float64Array, chosen: Int32Array): number {
  let count = 0;
  while (count < chosen.length) {
    let best = -1;
    for (let bin = FIRST_BIN + 1; bin < LAST_BIN - 1; bin++) {
      const value = power[bin]!;
      if (value < power[bin - 1]! || value <= power[bin + 1]!) continue;
      if (best !== -1 && value <= power[best]!) continue;
      if (isNearChosen(chosen, count, bin)) continue;
      best = bin;
    }
    if (best === -1) break;
    chosen[count++] = best;
  }
  return count;
}

function isNearChosen(chosen: Int32Array, count: number, bin: number): boolean {
  for (let index = 0; index < count; index++) {
    if (Math.abs(chosen[index]! - bin) <= 2) return true;
  }
  return false;
}

function energyAround(power: Float64Array, peak: number): number {
  let energy = 0;
  for (let bin = Math.max(FIRST_BIN, peak - 2); bin <= Math.min(LAST_BIN - 1, peak + 2); bin++) energy += power[bin]!;
  return energy;
}
