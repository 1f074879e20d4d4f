/**
 * Typed access to the parts of sherpa-onnx-node that the ASR stage uses. The
 * package ships no TypeScript declarations, so the shapes below follow its
 * JSDoc typedefs (types.js of version 1.13.8).
 */
import { createRequire } from 'node:module';

/** Silero VAD settings, with durations in seconds. */
export interface SileroVadConfig {
  model: string;
  threshold: number;
  minSilenceDuration: number;
  minSpeechDuration: number;
  maxSpeechDuration: number;
  /** Samples per VAD window at 16 kHz. Silero v5 takes 512, and v4 takes 512, 1024 or 1536. */
  windowSize: number;
}

/** Configuration of sherpa-onnx's voice activity detector. */
export interface VadConfig {
  sileroVad: SileroVadConfig;
  sampleRate: number;
  numThreads: number;
  provider: 'cpu';
  debug: 0 | 1;
}

/** A speech segment found by the VAD. `start` is its first sample's index in the audio fed so far. */
export interface VadSegment {
  start: number;
  samples: Float32Array;
}

/** sherpa-onnx's streaming voice activity detector. */
export interface Vad {
  acceptWaveform(samples: Float32Array): void;
  isEmpty(): boolean;
  /** True while the detector is inside a speech segment. */
  isDetected(): boolean;
  front(enableExternalBuffer?: boolean): VadSegment;
  pop(): void;
  flush(): void;
  /** Drops all audio, segments and model state, as if the detector were new. */
  reset(): void;
}

/** Configuration of an offline recognizer that runs a SenseVoice, Whisper or Paraformer model; exactly one model section is set. */
export interface OfflineRecognizerConfig {
  featConfig: { sampleRate: number; featureDim: number };
  modelConfig: {
    senseVoice?: { model: string; language: string; useInverseTextNormalization: 0 | 1 };
    /** Whisper `language` is a code such as "zh" or "" for detection per segment; `tailPaddings` -1 keeps the model default. */
    whisper?: { encoder: string; decoder: string; language: string; task: 'transcribe'; tailPaddings: number };
    paraformer?: { model: string };
    tokens: string;
    numThreads: number;
    provider: string;
    debug: 0 | 1;
  };
}

/** One audio segment queued for offline recognition. */
export interface OfflineStream {
  acceptWaveform(waveform: { samples: Float32Array; sampleRate: number }): void;
}

/** The result JSON of one decoded stream. SenseVoice also sets the tags. */
export interface OfflineRecognizerResult {
  text: string;
  lang?: string;
  emotion?: string;
  event?: string;
}

/** sherpa-onnx's offline (non-streaming) recognizer. */
export interface OfflineRecognizer {
  createStream(): OfflineStream;
  decode(stream: OfflineStream): void;
  getResult(stream: OfflineStream): OfflineRecognizerResult;
}

/** Configuration of sherpa-onnx's offline punctuation with a CT-Transformer model. */
export interface OfflinePunctuationConfig {
  model: { ctTransformer: string; numThreads: number; provider: string; debug: 0 | 1 };
}

/** sherpa-onnx's offline punctuation, which adds punctuation to unpunctuated text. */
export interface OfflinePunctuation {
  addPunct(text: string): string;
}

/** Configuration of sherpa-onnx's offline speaker diarization (pyannote segmentation plus a speaker-embedding model). */
export interface OfflineSpeakerDiarizationConfig {
  segmentation: { pyannote: { model: string }; numThreads: number; provider: string; debug: 0 | 1 };
  embedding: { model: string; numThreads: number; provider: string; debug: 0 | 1 };
  /** `numClusters` fixes the speaker count; -1 lets `threshold` decide. */
  clustering: { numClusters: number; threshold: number };
  /** Shortest speech and shortest gap kept, in seconds. */
  minDurationOn: number;
  minDurationOff: number;
}

/** One speaker turn found by diarization, times in seconds. */
export interface SpeakerDiarizationSegment {
  start: number;
  end: number;
  speaker: number;
}

/** sherpa-onnx's offline speaker diarization over a whole recording. */
export interface OfflineSpeakerDiarization {
  readonly sampleRate: number;
  process(samples: Float32Array): SpeakerDiarizationSegment[];
}

interface SherpaOnnx {
  OfflineSpeakerDiarization: new (config: OfflineSpeakerDiarizationConfig) => OfflineSpeakerDiarization;
  Vad: new (config: VadConfig, bufferSizeInSeconds: number) => Vad;
  OfflinePunctuation: new (config: OfflinePunctuationConfig) => OfflinePunctuation;
  OfflineRecognizer: new (config: OfflineRecognizerConfig) => OfflineRecognizer;
}

const require = createRequire(import.meta.url);

/** The loaded sherpa-onnx-node module. */
export const sherpa = require('sherpa-onnx-node') as SherpaOnnx;
