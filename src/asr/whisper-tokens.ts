/**
 * Keeps Whisper's byte-level tokens intact through sherpa-onnx.
 *
 * Whisper's vocabulary is byte-level BPE, so one Chinese character can be
 * split across two tokens, each holding bytes that are not valid UTF-8 on
 * their own. sherpa-onnx 1.13.8 (OfflineRecognizerWhisperImpl::Convert)
 * removes invalid UTF-8 from each token before joining them, which deletes
 * such a character from the text; tests/asr-engines.test.ts shows it with
 * the fixture model. The upstream fix, k2-fsa/sherpa-onnx pull request 3965
 * ("Fix character loss for byte-level-BPE tokens in whisper/cohere
 * recognizers"), is not in 1.13.8.
 *
 * The workaround: the recognizer loads a copy of the tokens file in which
 * every token that is not valid UTF-8 on its own is written as one
 * private-use character per byte (U+F700 + byte). Those survive sherpa-onnx
 * unchanged, and `decodeEscapedBytes` turns each run of them back into bytes
 * and decodes the run as UTF-8 once the tokens are joined. It stays correct
 * with a sherpa-onnx that has the fix, because escaped tokens are valid
 * UTF-8 either way.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const BYTE_ESCAPE_BASE = 0xf700;
const ESCAPED_RUN = /[\uf700-\uf7ff]+/g;
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Folder of the rewritten tokens files, named by the SHA-256 of the original. */
export const ESCAPED_TOKENS_DIR = path.join(tmpdir(), 'callscore-whisper-tokens');

function isValidUtf8(bytes: Buffer): boolean {
  try {
    STRICT_UTF8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function escapeBytes(bytes: Buffer): string {
  return Array.from(bytes, (byte) => String.fromCharCode(BYTE_ESCAPE_BASE + byte)).join('');
}

/**
 * Returns the tokens file content with each token that is not valid UTF-8
 * escaped, or null when every token is valid. Lines are "base64 id", as
 * sherpa-onnx's Whisper export writes them; other lines are kept as they are.
 */
export function escapeWhisperTokens(content: string): string | null {
  let changed = false;
  const lines = content.split('\n').map((line) => {
    const [encoded, id, ...rest] = line.split(' ');
    if (!encoded || id === undefined || rest.length > 0) return line;

    const bytes = Buffer.from(encoded, 'base64');
    if (isValidUtf8(bytes)) return line;
    changed = true;
    return `${Buffer.from(escapeBytes(bytes)).toString('base64')} ${id}`;
  });
  return changed ? lines.join('\n') : null;
}

/**
 * Returns the path of a tokens file for sherpa-onnx to load in place of
 * `tokensPath`: a rewritten copy in ESCAPED_TOKENS_DIR when some token needs
 * escaping, else `tokensPath` itself. The copy is written to a temporary
 * name and renamed, so processes loading the same model at once each see a
 * whole file.
 */
export function escapedTokensFile(tokensPath: string): string {
  const content = readFileSync(tokensPath, 'utf8');
  const escaped = escapeWhisperTokens(content);
  if (escaped === null) return tokensPath;

  const digest = createHash('sha256').update(content).digest('hex');
  const target = path.join(ESCAPED_TOKENS_DIR, `${digest}.txt`);
  if (!existsSync(target)) {
    mkdirSync(ESCAPED_TOKENS_DIR, { recursive: true });
    const partial = `${target}.${process.pid}.${Date.now()}.partial`;
    writeFileSync(partial, escaped);
    renameSync(partial, target);
  }
  return target;
}

/**
 * Turns each run of escaped bytes in `text` back into the UTF-8 characters
 * it encodes. Bytes that form no character, such as the first half of a
 * character when decoding stopped inside it, are dropped, as sherpa-onnx
 * drops invalid UTF-8.
 */
export function decodeEscapedBytes(text: string): string {
  return text.replace(ESCAPED_RUN, (run) => {
    const bytes = Buffer.from(Array.from(run, (character) => character.charCodeAt(0) - BYTE_ESCAPE_BASE));
    return bytes.toString('utf8').replaceAll('\uFFFD', '');
  });
}
