/** Typed results of the ingest stage. */

/** Audio decoded to 16 kHz float PCM, one array per channel of the recording. */
export interface DecodedAudio {
  sampleRate: 16000;
  channels: Float32Array[];
  durationMs: number;
}

/** Facts that upload validation read from an audio file. */
export interface AudioProbe {
  format: string;
  codec: string;
  channels: number;
  sampleRate: number;
  durationMs: number;
}

/** Kinds of file that `POST /v1/calls` accepts. */
export type UploadKind = 'audio' | 'transcript-json' | 'transcript-vtt' | 'transcript-srt';

/** A file stored by content hash. */
export interface StoredBlob {
  sha256: string;
  path: string;
  sizeBytes: number;
}
