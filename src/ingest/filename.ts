/**
 * Makes user-supplied names safe to show inside error messages. An upload's
 * filename never becomes a path, because storage names files by content hash.
 */

/** Maximum length in characters (code points) of a filename shown in a message. */
export const MAX_DISPLAY_FILENAME_CHARS = 80;

/** Shown when a filename is empty after sanitising. */
const UNNAMED = 'unnamed';

// C0 and C1 control characters, DEL, line and paragraph separators, and the
// bidirectional formatting characters that can make a name display reversed.
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Returns `text` without control and bidirectional formatting characters,
 * with whitespace runs collapsed to one space, and shortened to `maxChars`
 * code points by replacing the middle with "…" so that both ends (such as a
 * file extension) stay visible.
 */
export function sanitizeDisplayText(text: string, maxChars: number): string {
  const cleaned = text.replace(LONE_SURROGATE, '\ufffd').replace(UNSAFE_CHARACTERS, ' ').replace(/\s+/g, ' ').trim();
  const codePoints = Array.from(cleaned);
  if (codePoints.length <= maxChars) {
    return cleaned;
  }

  const tailLength = Math.min(16, Math.floor((maxChars - 1) / 3));
  const headLength = maxChars - 1 - tailLength;
  return `${codePoints.slice(0, headLength).join('')}…${codePoints.slice(codePoints.length - tailLength).join('')}`;
}

/** Returns the upload filename as it may appear in a message: sanitised, shortened, never empty. */
export function displayFilename(filename: string): string {
  const sanitized = sanitizeDisplayText(filename, MAX_DISPLAY_FILENAME_CHARS);
  return sanitized === '' ? UNNAMED : sanitized;
}
