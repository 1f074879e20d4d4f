/**
 * Reads what ffmpeg prints with `-v level+info`: the input summary ("Input
 * #0", "Duration:", "Stream #0:0: Audio: ...") before decoding starts, and
 * error lines, which the `level` flag tags as "[error]", "[fatal]" or
 * "[panic]".
 * NOTE: the bundled ffmpeg (a 2018 build from @ffmpeg-installer) supports
 * the `level` flag. An older ffmpeg set through CALLSCORE_FFMPEG may reject it.
 */

/** Returns true once `log` contains the whole input summary: ffmpeg prints "Stream mapping:" after it, before any output. */
export function isInputSummaryComplete(log: string): boolean {
  return log.includes('Stream mapping:');
}

/** Returns true when the input summary in `log` lists an audio stream. */
export function hasAudioStream(log: string): boolean {
  return /Stream #\d+:\d+.*?: Audio: /.test(log);
}

/** Returns the duration of the input summary in `log` in milliseconds, 0 when the file header has none. */
export function summaryDurationMs(log: string): number {
  const duration = /Duration: (\d+):(\d+):(\d+(?:\.\d+)?)/.exec(log);
  if (!duration) return 0;
  return Math.round((Number(duration[1]) * 3600 + Number(duration[2]) * 60 + Number(duration[3])) * 1000);
}

/** Describes what ffmpeg found in a file without an audio stream, such as "mp4 without an audio stream". */
export function describeNonAudio(log: string): string {
  const format = /Input #0, ([^,\n]+)/.exec(log)?.[1];
  return format ? `${format} without an audio stream` : 'unknown data';
}

/** Returns the last line logged at level error or above, without its level tag, or '' when there is none. */
export function lastErrorLine(log: string): string {
  const lines = log.split('\n').filter((line) => /\[(error|fatal|panic)\] /.test(line));
  return lines.at(-1)?.replace(/\[(error|fatal|panic)\] /, '').trim() ?? '';
}
