/**
 * Short-time power spectra of 16 kHz audio, the shared front end of the
 * speech gate and the spectral speaker clustering: 512-sample frames (32 ms)
 * with a Hann window and a radix-2 FFT.
 */

/** Samples per analysis frame, 32 ms at 16 kHz. */
export const FRAME_SIZE = 512;

/** Power bins per frame, from 0 Hz up to half the sample rate. */
export const SPECTRUM_BINS = FRAME_SIZE / 2;

/** Width of one bin in Hz at 16 kHz. */
export const BIN_HZ = 16000 / FRAME_SIZE;

const window = hannWindow(FRAME_SIZE);
const bitReversed = bitReversal(FRAME_SIZE);
const windowAutocorrelation = autocorrelationOf(window);

/**
 * Calls `onFrame` for each whole, non-overlapping frame of `samples` with
 * the frame's mean square and its power spectrum. The spectrum array is
 * reused between calls, so copy what must outlive the call.
 */
export function forEachFrameSpectrum(samples: Float32Array, onFrame: (meanSquare: number, power: Float64Array) => void): void {
  const re = new Float64Array(FRAME_SIZE);
  const im = new Float64Array(FRAME_SIZE);
  const power = new Float64Array(SPECTRUM_BINS);

  for (let offset = 0; offset + FRAME_SIZE <= samples.length; offset += FRAME_SIZE) {
    let energy = 0;
    for (let i = 0; i < FRAME_SIZE; i++) {
      const sample = samples[offset + i]!;
      energy += sample * sample;
      re[bitReversed[i]!] = sample * window[i]!;
      im[bitReversed[i]!] = 0;
    }
    fftInPlace(re, im);
    for (let bin = 0; bin < SPECTRUM_BINS; bin++) power[bin] = re[bin]! * re[bin]! + im[bin]! * im[bin]!;
    onFrame(energy / FRAME_SIZE, power);
  }
}

/**
 * Estimates the pitch (F0) of one frame in Hz from its power spectrum. By the
 * Wiener-Khinchin theorem the inverse FFT of the power spectrum is the
 * frame's autocorrelation. Returns null when no lag
 * between `minHz` and `maxHz` reaches `minClarity` of the zero-lag value,
 * which marks the frame as unvoiced.
 */
export function pitchOfFrame(power: Float64Array, minHz = 60, maxHz = 400, minClarity = 0.3): number | null {
  const re = new Float64Array(FRAME_SIZE);
  const im = new Float64Array(FRAME_SIZE);
  // The power spectrum of a real frame is symmetric, so the second half mirrors the first.
  for (let bin = 0; bin < FRAME_SIZE; bin++) {
    const value = bin < SPECTRUM_BINS ? power[bin]! : power[FRAME_SIZE - bin] ?? 0;
    re[bitReversed[bin]!] = value;
    im[bitReversed[bin]!] = 0;
  }
  fftInPlace(re, im);

  const zeroLag = re[0]!;
  if (zeroLag <= 0) return null;
  const minLag = Math.floor(16000 / maxHz);
  const maxLag = Math.ceil(16000 / minHz);

  // Dividing by the window's own autocorrelation removes the Hann window's decay with lag,
  // which would otherwise favour short lags and report the octave above.
  let best = 0;
  for (let lag = minLag; lag <= maxLag; lag++) best = Math.max(best, re[lag]! / windowAutocorrelation[lag]!);
  if (best < minClarity * (zeroLag / windowAutocorrelation[0]!)) return null;
  // The first lag close to the best one is the period; its multiples score about as high.
  for (let lag = minLag; lag <= maxLag; lag++) {
    const value = re[lag]! / windowAutocorrelation[lag]!;
    const isPeak = value >= re[lag - 1]! / windowAutocorrelation[lag - 1]! && value >= re[lag + 1]! / windowAutocorrelation[lag + 1]!;
    if (isPeak && value >= 0.9 * best) return 16000 / lag;
  }
  return null;
}

/** Converts a mean square to dBFS, with a floor at -120 dB for digital silence. */
export function meanSquareToDb(meanSquare: number): number {
  return 10 * Math.log10(meanSquare + 1e-12);
}

function autocorrelationOf(values: Float64Array): Float64Array {
  const result = new Float64Array(values.length);
  for (let lag = 0; lag < values.length; lag++) {
    let sum = 0;
    for (let i = 0; i + lag < values.length; i++) sum += values[i]! * values[i + lag]!;
    result[lag] = sum;
  }
  return result;
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

// Twiddle factors e^(-2πik/FRAME_SIZE) for k below FRAME_SIZE / 2, computed once instead of per butterfly group.
const twiddleRe = new Float64Array(FRAME_SIZE / 2).map((_, k) => Math.cos((-2 * Math.PI * k) / FRAME_SIZE));
const twiddleIm = new Float64Array(FRAME_SIZE / 2).map((_, k) => Math.sin((-2 * Math.PI * k) / FRAME_SIZE));

// Iterative radix-2 FFT of FRAME_SIZE points over input already placed in bit-reversed order.
function fftInPlace(re: Float64Array, im: Float64Array): void {
  const size = re.length;
  for (let length = 2; length <= size; length *= 2) {
    const half = length / 2;
    const stride = FRAME_SIZE / length;
    for (let k = 0; k < half; k++) {
      const cos = twiddleRe[k * stride]!;
      const sin = twiddleIm[k * stride]!;
      for (let start = 0; start < size; start += length) {
        const even = start + k;
        const odd = even + half;
        const oddRe = re[odd]! * cos - im[odd]! * sin;
        const oddIm = re[odd]! * sin + im[odd]! * cos;
        re[odd] = re[even]! - oddRe;
        im[odd] = im[even]! - oddIm;
        re[even] = re[even]! + oddRe;
        im[even] = im[even]! + oddIm;
      }
    }
  }
}
