/**
 * Rejects VAD segments that are not speech before they reach the recognizer:
 * near-silent stretches, and tonal sounds such as ring-back tones, DTMF
 * beeps and hold music. Their spectrum keeps the same sharp peaks from frame
 * to frame, while speech moves its pitch and formants all the time. A
 * recognizer fed such a segment tends to invent words.
 */

/** Samples per analysis frame, 32 ms at 16 kHz. */
const FRAME_SIZE = 512;
const HALF = FRAME_SIZE / 2;
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

const window = hannWindow(FRAME_SIZE);
const bitReversed = bitReversal(FRAME_SIZE);

/** Measures the level and tonal stability of a segment of 16 kHz samples. */
export function measureSegment(samples: Float32Array): SegmentFeatures {
  let sumSquares = 0;
  for (const sample of samples) sumSquares += sample * sample;
  const levelDb = 10 * Math.log10(sumSquares / Math.max(samples.length, 1) + 1e-12);

  const re = new Float64Array(FRAME_SIZE);
  const im = new Float64Array(FRAME_SIZE);
  const power = new Float64Array(HALF);
  let voicedFrames = 0;
  let stableTonal = 0;
  let previousPeak = -10;

  for (let offset = 0; offset + FRAME_SIZE <= samples.length; offset += FRAME_SIZE) {
    let frameEnergy = 0;
    for (let i = 0; i < FRAME_SIZE; i++) {
      const sample = samples[offset + i]!;
      frameEnergy += sample * sample;
      re[bitReversed[i]!] = sample * window[i]!;
      im[bitReversed[i]!] = 0;
    }
    // A frame 30 dB below the gate's level floor is a pause between words, not evidence either way.
    if (10 * Math.log10(frameEnergy / FRAME_SIZE + 1e-12) < SPEECH_GATE.minLevelDb - 10) {
      previousPeak = -10;
      continue;
    }
    voicedFrames++;

    fftInPlace(re, im);
    let bandEnergy = 0;
    for (let bin = FIRST_BIN; bin < LAST_BIN; bin++) {
      power[bin] = re[bin]! * re[bin]! + im[bin]! * im[bin]!;
      bandEnergy += power[bin]!;
    }
    const peaks = strongestPeaks(power, 3);
    const peakEnergy = peaks.reduce((sum, peak) => sum + energyAround(power, peak), 0);
    const tonal = bandEnergy > 0 && peakEnergy / bandEnergy >= SPEECH_GATE.tonalPeakShare;
    const mainPeak = peaks[0] ?? -10;
    if (tonal && Math.abs(mainPeak - previousPeak) <= 1) stableTonal++;
    previousPeak = mainPeak;
  }

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

function hannWindow(size: number): Float64Array {
  const values = new Float64Array(size);
  for (let i = 0; i < size; i++) values[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (size - 1));
  return values;
}

function bitReversal(size: number): Uint32Array {
  const bits = Math.log2(size);
  const table = new Uint32Array(size);
  for (let i = 0; i < size; i++) {
    let reversed = 0;
    for (let bit = 0; bit < bits; bit++) reversed |= ((i >> bit) & 1) << (bits - 1 - bit);
    table[i] = reversed;
  }
  return table;
}

// Iterative radix-2 FFT over input already placed in bit-reversed order.
function fftInPlace(re: Float64Array, im: Float64Array): void {
  const size = re.length;
  for (let length = 2; length <= size; length *= 2) {
    const angle = (-2 * Math.PI) / length;
    for (let start = 0; start < size; start += length) {
      for (let k = 0; k < length / 2; k++) {
        const cos = Math.cos(angle * k);
        const sin = Math.sin(angle * k);
        const evenRe = re[start + k]!;
        const evenIm = im[start + k]!;
        const oddRe = re[start + k + length / 2]! * cos - im[start + k + length / 2]! * sin;
        const oddIm = re[start + k + length / 2]! * sin + im[start + k + length / 2]! * cos;
        re[start + k] = evenRe + oddRe;
        im[start + k] = evenIm + oddIm;
        re[start + k + length / 2] = evenRe - oddRe;
        im[start + k + length / 2] = evenIm - oddIm;
      }
    }
  }
}
