/**
 * Recognises a stored upload and validates it: audio is probed with ffmpeg,
 * a transcript is parsed. The API and the CLI both call this before any
 * further work, so bad files are rejected the same way everywhere.
 */
import fs from 'node:fs/promises';
import { CallscoreError } from '../errors/registry.js';
import type { ChannelLayout, Transcript } from '../domain/transcript.js';
import type { AudioProbe, UploadKind } from './types.js';
import { detectUploadKind } from './detect.js';
import { probeAudio } from './probe.js';
import { parseTranscript } from './transcript/index.js';

// Bytes read from the start of a file to recognise its format.
const HEAD_BYTES = 64;

/** A validated upload: audio with its probe, or a parsed transcript. */
export type InspectedFile =
  | { kind: 'audio'; probe: AudioProbe; transcript: null }
  | { kind: Exclude<UploadKind, 'audio'>; probe: null; transcript: Transcript };

async function readHead(path: string): Promise<Buffer> {
  const handle = await fs.open(path, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Detects the kind of the file at `path` and validates it. `filename` is the
 * user's name for it, used only for the extension and in messages.
 */
export async function inspectFile(
  path: string,
  filename: string,
  options: { contentType?: string; channelLayout: ChannelLayout },
): Promise<InspectedFile> {
  const kind = detectUploadKind(filename, await readHead(path), options.contentType);
  if (kind === null) {
    throw new CallscoreError('CS_ERR_AUDIO_UNSUPPORTED', { filename, detected: 'unknown binary or text' });
  }

  if (kind === 'audio') {
    const probe = await probeAudio(path, filename);
    if (options.channelLayout !== 'mono' && probe.channels < 2) {
      throw new CallscoreError('CS_ERR_AUDIO_NO_CHANNEL', { filename, channels: probe.channels, layout: options.channelLayout });
    }
    return { kind, probe, transcript: null };
  }

  const transcript = parseTranscript(await fs.readFile(path, 'utf8'), kind, filename);
  return { kind, probe: null, transcript };
}
