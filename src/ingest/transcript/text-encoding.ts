/**
 * Decodes an uploaded transcript file to text. Subtitle files made on Chinese
 * Windows are often GB18030 (GBK) or UTF-16 rather than UTF-8.
 */

/**
 * Decodes `bytes` as UTF-16 when they start with its byte order mark, else as UTF-8
 * when the bytes are valid UTF-8, else as GB18030. The byte order mark is removed.
 */
export function decodeTranscriptBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    // NOTE: any byte sequence decodes as GB18030, so text in another legacy encoding turns into wrong characters here.
    return new TextDecoder('gb18030').decode(bytes);
  }
}
