/**
 * Detects dual-mono recordings: stereo files whose two channels carry the
 * same mix, as many call recorders write when they have only one mixed
 * signal. The ASR stage then transcribes them as mono, because there the
 * channel does not identify the speaker. The test is the Pearson correlation of the
 * two channels, accumulated chunk by chunk so it never needs the whole file.
 */

/** Thresholds of the dual-mono test. */
export const DUAL_MONO = {
  /** Correlation above which the two channels count as one signal. Gain differences do not lower it, echo and crosstalk stay far below it. */
  minCorrelation: 0.95,
  /** Frames where both channels are audible that the test needs before it decides, half a second at 16 kHz. */
  minAudibleFrames: 8000,
  /** Absolute sample value under which a channel counts as silent in that frame. */
  audibleLevel: 1e-3,
} as const;

/** Running correlation of two channels of equal length. */
export class ChannelCorrelation {
  private frames = 0;
  private audibleFrames = 0;
  private sumLeft = 0;
  private sumRight = 0;
  private sumLeftSquared = 0;
  private sumRightSquared = 0;
  private sumProduct = 0;

  /** Adds one chunk of both channels. */
  add(left: Float32Array, right: Float32Array): void {
    const length = Math.min(left.length, right.length);
    for (let i = 0; i < length; i++) {
      const l = left[i]!;
      const r = right[i]!;
      this.sumLeft += l;
      this.sumRight += r;
      this.sumLeftSquared += l * l;
      this.sumRightSquared += r * r;
      this.sumProduct += l * r;
      if (Math.abs(l) > DUAL_MONO.audibleLevel && Math.abs(r) > DUAL_MONO.audibleLevel) this.audibleFrames++;
    }
    this.frames += length;
  }

  /** Pearson correlation of everything added so far, or null while either channel is constant. */
  correlation(): number | null {
    const n = this.frames;
    if (n === 0) return null;
    const covariance = this.sumProduct - (this.sumLeft * this.sumRight) / n;
    const varianceLeft = this.sumLeftSquared - (this.sumLeft * this.sumLeft) / n;
    const varianceRight = this.sumRightSquared - (this.sumRight * this.sumRight) / n;
    if (varianceLeft <= 0 || varianceRight <= 0) return null;
    return covariance / Math.sqrt(varianceLeft * varianceRight);
  }

  /**
   * True when both channels carry the same signal: enough frames audible on
   * both and a correlation of at least `DUAL_MONO.minCorrelation`. A stereo
   * file with one silent channel is not dual-mono.
   */
  isDualMono(): boolean {
    const correlation = this.correlation();
    return this.audibleFrames >= DUAL_MONO.minAudibleFrames && correlation !== null && correlation >= DUAL_MONO.minCorrelation;
  }
}

/** Returns true when the two channels carry the same signal, as `ChannelCorrelation.isDualMono` decides. */
export function isDualMono(left: Float32Array, right: Float32Array): boolean {
  const correlation = new ChannelCorrelation();
  correlation.add(left, right);
  return correlation.isDualMono();
}
