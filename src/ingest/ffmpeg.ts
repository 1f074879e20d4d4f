/**
 * Locates the ffmpeg binary that the @ffmpeg-installer package ships, so no
 * system install is needed. `CALLSCORE_FFMPEG` overrides it.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Absolute path of the ffmpeg executable used for probing and decoding. */
export const ffmpegPath: string =
  process.env.CALLSCORE_FFMPEG ?? (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;
