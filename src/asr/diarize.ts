/**
 * Splits the speech segments of a mono call between two speakers without a
 * diarization model: each segment gets a voiceprint (its mean log spectral
 * envelope on a mel-like scale), and two-means clustering groups the
 * voiceprints. This is the fallback for when the pyannote segmentation and
 * speaker-embedding models are not installed. It assumes each VAD segment
 * contains one speaker.
 */
import { BIN_HZ, forEachFrameSpectrum, meanSquareToDb, pitchOfFrame } from './spectrum.js';

/** Settings of the spectral clustering. */
export const SPECTRAL_DIARIZATION = {
  /** Bands of the voiceprint, spaced evenly on the mel scale. */
  bands: 24,
  lowHz: 100,
  /** Telephone audio carries nothing above about 3.4 kHz. */
  highHz: 3800,
  /** Frames quieter than this (dBFS) are pauses and do not count. */
  minFrameDb: -45,
  /** Minimum voiced frames for a voiceprint, about 0.3 s. */
  minVoicedFrames: 10,
  /** Weight of the log2 median pitch, so one octave is this far in voiceprint space. */
  pitchWeight: 4,
  /** Weight of the spectral envelope, whose values are natural-log band energies. */
  envelopeWeight: 0.2,
  /** Separation (distance between the cluster centres over the mean distance of voiceprints to their centre) from which two speakers count as found. */
  minSeparation: 3,
} as const;

/** Outcome of clustering a call's segments. */
export interface SpeakerClusters {
  /** Speaker (0 or 1) of each segment in input order, null for a segment without a voiceprint. */
  labels: Array<0 | 1 | null>;
  /** Distance between the two centres over the mean distance of voiceprints to their own centre; 0 with fewer than two voiceprints. */
  separation: number;
  /** True when `separation` reaches `SPECTRAL_DIARIZATION.minSeparation`, so the call contains two distinct voices. */
  twoSpeakers: boolean;
}

const bandEdges = melBandEdges();

/** Computes the voiceprint of one segment of 16 kHz samples, or null when it has too little voiced audio. */
export function voiceprint(samples: Float32Array): Float64Array | null {
  const { bands, minFrameDb, minVoicedFrames } = SPECTRAL_DIARIZATION;
  const sum = new Float64Array(bands);
  let voiced = 0;

  const pitches: number[] = [];
  forEachFrameSpectrum(samples, (meanSquare, power) => {
    if (meanSquareToDb(meanSquare) < minFrameDb) return;
    voiced++;
    const pitch = pitchOfFrame(power);
    if (pitch !== null) pitches.push(pitch);
    // Subtracting the frame's mean log energy leaves the envelope's shape, independent of loudness.
    const logBands = new Float64Array(bands);
    let mean = 0;
    for (let band = 0; band < bands; band++) {
      let energy = 0;
      for (let bin = bandEdges[band]!; bin < bandEdges[band + 1]!; bin++) energy += power[bin]!;
      logBands[band] = Math.log(energy + 1e-10);
      mean += logBands[band]! / bands;
    }
    for (let band = 0; band < bands; band++) sum[band]! += logBands[band]! - mean;
  });

  if (voiced < minVoicedFrames || pitches.length < minVoicedFrames / 2) return null;

  // Median pitch on a log scale, weighted so that an octave counts like a large envelope change.
  pitches.sort((a, b) => a - b);
  const medianPitch = pitches[Math.floor(pitches.length / 2)]!;
  const print = new Float64Array(bands + 1);
  for (let band = 0; band < bands; band++) print[band] = (sum[band]! / voiced) * SPECTRAL_DIARIZATION.envelopeWeight;
  print[bands] = Math.log2(medianPitch) * SPECTRAL_DIARIZATION.pitchWeight;
  return print;
}

/**
 * Groups voiceprints into two speakers with two-means clustering, seeded
 * with the two voiceprints farthest apart so the result is deterministic.
 */
export function clusterSpeakers(prints: Array<Float64Array | null>): SpeakerClusters {
  const present = prints.map((print, index) => ({ print, index })).filter((item): item is { print: Float64Array; index: number } => item.print !== null);
  const labels: Array<0 | 1 | null> = prints.map(() => null);
  if (present.length < 2) {
    for (const { index } of present) labels[index] = 0;
    return { labels, separation: 0, twoSpeakers: false };
  }

  let [first, second] = farthestPair(present.map((item) => item.print));
  let centres = [present[first]!.print, present[second]!.print];
  let assignment: Array<0 | 1> = [];
  for (let iteration = 0; iteration < 50; iteration++) {
    const next = present.map(({ print }) => (voiceprintDistance(print, centres[0]!) <= voiceprintDistance(print, centres[1]!) ? 0 : 1));
    const stable = next.every((label, i) => label === assignment[i]);
    assignment = next;
    centres = [0, 1].map((label) => voiceprintMean(present.filter((_, i) => assignment[i] === label).map((item) => item.print)) ?? centres[label]!);
    if (stable) break;
  }

  const spread = present.reduce((total, { print }, i) => total + voiceprintDistance(print, centres[assignment[i]!]!), 0) / present.length;
  const separation = voiceprintDistance(centres[0]!, centres[1]!) / Math.max(spread, 1e-9);
  present.forEach(({ index }, i) => {
    labels[index] = assignment[i]!;
  });
  return { labels, separation, twoSpeakers: separation >= SPECTRAL_DIARIZATION.minSeparation };
}

function farthestPair(points: Float64Array[]): [number, number] {
  let best: [number, number] = [0, 1];
  let bestDistance = -1;
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) {
      const d = voiceprintDistance(points[i]!, points[j]!);
      if (d > bestDistance) {
        bestDistance = d;
        best = [i, j];
      }
    }
  }
  return best;
}

/** Returns the Euclidean distance between two voiceprints. */
export function voiceprintDistance(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i]! - b[i]!) ** 2;
  return Math.sqrt(sum);
}

/** Returns the mean of voiceprints, or undefined for none. */
export function voiceprintMean(points: Float64Array[]): Float64Array | undefined {
  if (points.length === 0) return undefined;
  const centre = new Float64Array(points[0]!.length);
  for (const point of points) for (let i = 0; i < centre.length; i++) centre[i]! += point[i]! / points.length;
  return centre;
}

function melBandEdges(): Int32Array {
  const { bands, lowHz, highHz } = SPECTRAL_DIARIZATION;
  const toMel = (hz: number): number => 2595 * Math.log10(1 + hz / 700);
  const toHz = (mel: number): number => 700 * (10 ** (mel / 2595) - 1);
  const edges = new Int32Array(bands + 1);
  for (let i = 0; i <= bands; i++) {
    const hz = toHz(toMel(lowHz) + ((toMel(highHz) - toMel(lowHz)) * i) / bands);
    edges[i] = Math.max(i === 0 ? 0 : edges[i - 1]! + 1, Math.round(hz / BIN_HZ));
  }
  return edges;
}
