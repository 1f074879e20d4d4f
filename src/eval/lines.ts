/**
 * Reads a text file line by line as strict UTF-8, with a limit on the
 * size of each line. A line ends at \n, \r\n or a lone \r. Bytes that are
 * not UTF-8 (a GBK export, a stray byte) and a line over the limit end the
 * read with a LineReadError that names the line, instead of text with
 * replacement characters or a line that fills the memory.
 */

import { createReadStream } from 'node:fs';

const LF = 0x0a;
const CR = 0x0d;

/** The fault of a line that could not be read. */
export type LineProblem = 'not-utf8' | 'too-long';

/** A line that is not UTF-8 or is longer than the limit; `line` is 1-based. */
export class LineReadError extends Error {
  constructor(
    readonly line: number,
    readonly problem: LineProblem,
  ) {
    super(problem === 'not-utf8' ? `line ${line} is not valid UTF-8` : `line ${line} is longer than the limit`);
    this.name = 'LineReadError';
  }
}

/** One line of a file and its 1-based number. */
export interface NumberedLine {
  line: number;
  text: string;
}

/** Yields the lines of `file`, each decoded as UTF-8; throws LineReadError for a line that is not UTF-8 or exceeds `maxLineBytes`. */
export async function* readUtf8Lines(file: string, maxLineBytes: number): AsyncGenerator<NumberedLine> {
  // ignoreBOM keeps a byte-order mark in the text, so the caller decides where one is allowed.
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let pieces: Buffer[] = [];
  let length = 0;
  let line = 1;
  let afterCr = false;

  const append = (piece: Buffer): void => {
    length += piece.length;
    if (length > maxLineBytes) {
      throw new LineReadError(line, 'too-long');
    }
    if (piece.length > 0) {
      pieces.push(piece);
    }
  };
  const finishLine = (): NumberedLine => {
    let text: string;
    try {
      text = decoder.decode(Buffer.concat(pieces, length));
    } catch {
      throw new LineReadError(line, 'not-utf8');
    }
    const finished = { line, text };
    pieces = [];
    length = 0;
    line += 1;
    return finished;
  };

  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    let start = 0;
    for (let index = 0; index < chunk.length; index++) {
      const byte = chunk[index];
      if (afterCr) {
        afterCr = false;
        if (byte === LF) {
          // The \n of a \r\n pair; the line already ended at the \r.
          start = index + 1;
          continue;
        }
      }
      if (byte === LF || byte === CR) {
        append(chunk.subarray(start, index));
        yield finishLine();
        start = index + 1;
        afterCr = byte === CR;
      }
    }
    append(chunk.subarray(start));
  }
  if (length > 0) {
    yield finishLine();
  }
}
