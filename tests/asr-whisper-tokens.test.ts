import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeEscapedBytes, ESCAPED_TOKENS_DIR, escapedTokensFile, escapeWhisperTokens } from '../src/asr/whisper-tokens.js';

const TI = Buffer.from('題');
const line = (bytes: Buffer, id: number): string => `${bytes.toString('base64')} ${id}`;

/** Decodes an escaped tokens file line by line, as sherpa-onnx joins token text. */
function tokenTexts(content: string): string[] {
  return content.split('\n').filter(Boolean).map((entry) => Buffer.from(entry.split(' ')[0]!, 'base64').toString('utf8'));
}

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'callscore-whisper-tokens-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('escapeWhisperTokens', () => {
  it('returns null when every token is valid UTF-8', () => {
    const content = [line(Buffer.from('我們'), 0), line(Buffer.from(' we'), 1), ''].join('\n');

    expect(escapeWhisperTokens(content)).toBeNull();
  });

  it('escapes only byte-fragment tokens and keeps ids', () => {
    const content = [line(Buffer.from('沒問'), 0), line(TI.subarray(0, 2), 1), line(Buffer.concat([TI.subarray(2), Buffer.from('，we')]), 2), ''].join('\n');

    const escaped = escapeWhisperTokens(content)!;
    const lines = escaped.split('\n');

    expect(lines[0]).toBe(line(Buffer.from('沒問'), 0));
    expect(lines[1]!.endsWith(' 1')).toBe(true);
    expect(lines[2]!.endsWith(' 2')).toBe(true);
    expect(lines[3]).toBe('');
    // Every escaped token is valid UTF-8, so sherpa-onnx keeps it.
    for (const text of tokenTexts(escaped)) expect(text).not.toContain('\uFFFD');
  });

  it('round-trips through decodeEscapedBytes', () => {
    const content = [line(Buffer.from('沒問'), 0), line(TI.subarray(0, 2), 1), line(Buffer.concat([TI.subarray(2), Buffer.from('，we')]), 2)].join('\n');

    const joined = tokenTexts(escapeWhisperTokens(content)!).join('');

    expect(decodeEscapedBytes(joined)).toBe('沒問題，we');
  });
});

describe('decodeEscapedBytes', () => {
  it('leaves text without escapes unchanged', () => {
    expect(decodeEscapedBytes('我们保证 we guarantee it.')).toBe('我们保证 we guarantee it.');
  });

  it('drops a character cut off at the end', () => {
    const firstHalf = Array.from(TI.subarray(0, 2), (byte) => String.fromCharCode(0xf700 + byte)).join('');

    expect(decodeEscapedBytes(`沒問${firstHalf}`)).toBe('沒問');
  });
});

describe('escapedTokensFile', () => {
  it('returns the original path when nothing needs escaping', async () => {
    const tokensPath = path.join(dir, 'valid-tokens.txt');
    await writeFile(tokensPath, `${line(Buffer.from('我們'), 0)}\n`);

    expect(escapedTokensFile(tokensPath)).toBe(tokensPath);
  });

  it('writes one escaped copy per tokens content', async () => {
    const tokensPath = path.join(dir, 'split-tokens.txt');
    const content = `${line(TI.subarray(0, 2), 0)}\n${line(TI.subarray(2), 1)}\n`;
    await writeFile(tokensPath, content);

    const first = escapedTokensFile(tokensPath);
    const second = escapedTokensFile(tokensPath);

    expect(path.dirname(first)).toBe(ESCAPED_TOKENS_DIR);
    expect(second).toBe(first);
    expect(await readFile(first, 'utf8')).toBe(escapeWhisperTokens(content));
  });
});
