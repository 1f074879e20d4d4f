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
  /** Share of voiced frames that must be tonal and keep their main peak from the previous frame for the segment to be rejected. */
  maxStableTonalShare: 0.5,
} as const;

/** Measured properties of one segment. */
export interface SegmentFeatures {
  levelDb: number;
  /** Frames with enough energy to judge, out of all frames. */
  voicedFrames: number;
  /** Share of voiced frames that are tonal and keep the main peak of the previous frame (within one bin). */
  stableTonalShare: number;
}

/** Verdict of the gate on one segment. */
export type SegmentClass = 'speech' | 'silence' | 'tonal';

/** Measures the level and tonal stability of a segment of 16 kHz samples. */
export function measureSegment(samples: Float32Array): SegmentFeatures {
  let sumSquares = 0;
  for (const sample of samples) sumSquares += sample * sample;
  const levelDb = meanSquareToDb(sumSquares / Math.max(samples.length, 1));

  let voicedFrames = 0;
  let stableTonal = 0;
  let previousPeak = -10;
  forEachFrameSpectrum(samples, (meanSquare, power) => {
    // A frame 10 dB below the gate's level floor is a pause between words, not evidence either way.
    if (meanSquareToDb(meanSquare) < SPEECH_GATE.minLevelDb - 10) {
      previousPeak = -10;
      return;
    }
    voicedFrames++;

    let bandEnergy = 0;
    for (let bin = FIRST_BIN; bin < LAST_BIN; bin++) bandEnergy += power[bin]!;
    const peaks = strongestPeaks(power, 3);
    const peakEnergy = peaks.reduce((sum, peak) => sum + energyAround(power, peak), 0);
    const tonal = bandEnergy > 0 && peakEnergy / bandEnergy >= SPEECH_GATE.tonalPeakShare;
    const mainPeak = peaks[0] ?? -10;
    if (tonal && Math.abs(mainPeak - previousPeak) <= 1) stableTonal++;
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

// Local maxima of the in-band power, strongest first, at least three bins apart.
function strongestPeaks(power: Float64Array, count: number): number[] {
  const peaks: number[] = [];
  for (let bin = FIRST_BIN + 1; bin < LAST_BIN - 1; bin++) {
    if (power[bin]! >= power[bin - 1]! && power[bin]! > power[bin + 1]!) peaks.push(bin);
  }
  peaks.sort((a, b) => power[b]! - power[a]!);
  const chosen: number[] = [];
  for (const bin of peaks) {
    if (chosen.every((other) => Math.abs(other - bin) > 2)) chosen.push(bin);
    if (chosen.length === count) break;
  }
  return chosen;
}

function energyAround(power: Float64Array, peak: number): number {
  let energy = 0;
  for (let bin = Math.max(FIRST_BIN, peak - 2); bin <= Math.min(LAST_BIN - 1, peak + 2); bin++) energy += power[bin]!;
  return energy;
}
