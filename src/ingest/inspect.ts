/**
 * Recognises a stored upload and validates it: audio is probed with ffmpeg,
 * a transcript is parsed. The API and the CLI both call this before any
 * further work, so bad files are rejected the same way everywhere.
 */
import fs from 'node:fs/promises';
import { CallscoreError } from '../errors/registry.js';
import type { ChannelLayout, Transcript } from '../domain/transcript.js';
import type { AudioProbe, UploadKind } from './types.js';
import { describeContent, detectUploadKind, readHead } from './detect.js';
import { probeAudio } from './probe.js';
import { reasonParams } from './reason.js';
import { displayFilename } from './filename.js';
import { decodeTranscriptBytes } from './transcript/text-encoding.js';
import { parseTranscript } from './transcript/index.js';

/** A validated upload: audio with its probe, or a parsed transcript. */
export type InspectedFile =
  | { kind: 'audio'; probe: AudioProbe; transcript: null }
  | { kind: Exclude<UploadKind, 'audio'>; probe: null; transcript: Transcript };

/**
 * Detects the kind of the file at `path` and validates it. `filename` is the
 * user's name for it, used only for the extension and in messages.
 */
export async function inspectFile(
  path: string,
  filename: string,
  options: { contentType?: string; channelLayout: ChannelLayout },
): Promise<InspectedFile> {
  const head = await readHead(path);
  // Uploads meet this check in the blob store already; the CLI reads files directly.
  if (head.length === 0) throw new CallscoreError('CS_ERR_FILE_EMPTY', { filename: displayFilename(filename) });
  const kind = detectUploadKind(filename, head, options.contentType);
  if (kind === null) {
    throw new CallscoreError('CS_ERR_AUDIO_UNSUPPORTED', { filename: displayFilename(filename), ...reasonParams(describeContent(head), 'detected') });
  }

  if (kind === 'audio') {
    const probe = await probeAudio(path, filename);
    if (options.channelLayout !== 'mono' && probe.channels < 2) {
      throw new CallscoreError('CS_ERR_AUDIO_NO_CHANNEL', { filename: displayFilename(filename), channels: probe.channels, layout: options.channelLayout });
    }
    return { kind, probe, transcript: null };
  }

  const transcript = parseTranscript(decodeTranscriptBytes(await fs.readFile(path)), kind, filename);
  return { kind, probe: null, transcript };
}
