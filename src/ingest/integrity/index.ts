/**
 * Container structure checks that find truncated audio files which ffmpeg
 * decodes without an error. Each check reads only headers, so it takes a
 * small fraction of the time a decode takes.
 */
import type { AudioContainer } from '../detect.js';
import type { Reason } from '../reason.js';
import { checkAmr } from './amr.js';
import { ByteReader } from './byte-reader.js';
import { checkMatroska } from './matroska.js';
import { checkMp4 } from './mp4.js';
import { checkMpegAudio } from './mpeg-audio.js';
import { checkOgg } from './ogg.js';
import { checkWav } from './wav.js';

const CHECKS: Record<AudioContainer, (reader: ByteReader) => Promise<Reason | null>> = {
  wav: checkWav,
  mp3: checkMpegAudio,
  mp4: checkMp4,
  amr: checkAmr,
  ogg: checkOgg,
  webm: checkMatroska,
};

/** Checks the structure of the file at `path` and returns why it is truncated, or null. */
export async function checkContainerStructure(path: string, container: AudioContainer): Promise<Reason | null> {
  const reader = await ByteReader.open(path);
  try {
    return await CHECKS[container](reader);
  } finally {
    await reader.close();
  }
}
