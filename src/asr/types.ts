/** Typed results of the ASR stage and the messages between the main thread and the ASR worker. */
import type { ErrorCode } from '../errors/registry.js';
import type { CallLanguage, ChannelLayout, RoleMethod, Turn } from '../domain/transcript.js';
import type { AsrEngine } from './models/catalog.js';

/** onnxruntime execution providers that callscore passes to sherpa-onnx. */
export const ASR_PROVIDERS = ['cpu', 'cuda'] as const;

/** An onnxruntime execution provider. */
export type AsrProvider = (typeof ASR_PROVIDERS)[number];

/** Input of `transcribeRecording`: one stored recording and the model to use. */
export interface TranscribeRequest {
  audioPath: string;
  layout: ChannelLayout;
  language: CallLanguage;
  /** Catalogue name of the speech model, `sense-voice-small-int8` unless set. */
  model?: string;
  /** Folder that contains one subfolder per installed model. */
  modelsDir: string;
  /** Call id for log lines and error messages. */
  callId?: string;
  /** Centre voiceprint of the rep's enrolled voice, which decides the rep of a diarized mono call when it matches. */
  repVoiceCentre?: number[];
}

/** A transcribed recording. */
export interface AsrResult {
  turns: Turn[];
  /** True for stereo layouts, where the channel identifies rep and customer. */
  rolesKnown: boolean;
  durationMs: number;
  model: string;
  /** Speech segments the VAD found and the speech gate kept, including those that decoded to no text. */
  segments: number;
  /** VAD segments the speech gate rejected as silence, tones or music. */
  rejectedSegments: number;
  /** True when a stereo file carried the same mix on both channels and was transcribed as mono. */
  dualMono: boolean;
  /** Diarization of a mono recording and its role guess, absent for stereo calls. */
  diarization?: DiarizationSummary;
}

/** Result of diarizing a mono recording and guessing the roles. */
export interface DiarizationSummary {
  /** `spectral`: voiceprint clustering without a diarization model. */
  method: 'spectral';
  /** True when two distinct voices were found. */
  twoSpeakers: boolean;
  /** Distance between the two voice clusters relative to their spread. */
  separation: number;
  /** Voice (0 or 1) taken for the rep, or null when unknown. */
  repSpeaker: 0 | 1 | null;
  /** Confidence of the role guess between 0.5 and 1, or 0 when fewer than two voices were found. */
  roleConfidence: number;
  /** Method that decided `repSpeaker` and `roleConfidence`, or null when fewer than two voices were found. */
  roleMethod: RoleMethod | null;
  /** Confidence of the match with the rep's enrolled voice, also when it was too low to be used; null without a profile. */
  enrolledVoiceConfidence: number | null;
}

/** One VAD speech segment of one channel with its recognized text. */
export interface Utterance {
  channel: number;
  startMs: number;
  endMs: number;
  text: string;
  /** Voice (0 or 1) from diarization of a mono recording. */
  voice?: 0 | 1;
}

/** A transcription job as the worker receives it, with the model already resolved to files. */
export interface WorkerJob {
  id: number;
  audioPath: string;
  layout: ChannelLayout;
  language: CallLanguage;
  model: string;
  engine: AsrEngine;
  modelPath: string;
  /** Decoder of an encoder-decoder model (Whisper), whose `modelPath` is the encoder. */
  decoderPath?: string;
  tokensPath: string;
  /** onnxruntime execution provider, `cpu` or `cuda`. */
  provider: AsrProvider;
  /** Changes whenever a model file is replaced, so the worker reloads the recognizer. */
  modelVersion: string;
  threads: number;
  /** Centre voiceprint of the rep's enrolled voice, absent when none is enrolled. */
  repVoiceCentre?: number[];
}

/** An error crossing the thread boundary, where class identity is lost. */
export interface WorkerError {
  code?: ErrorCode;
  params?: Record<string, string | number>;
  message: string;
}

/** The worker's reply to one job. */
export type WorkerReply = { id: number; ok: true; result: AsrResult } | { id: number; ok: false; error: WorkerError };

/** Request to the ASR worker to stop its helper threads before it is terminated. */
export interface WorkerShutdown {
  type: 'shutdown';
}

/** Reply of the worker once its helper threads have exited. */
export interface WorkerShutdownDone {
  type: 'shutdown-done';
}
