/**
 * ISO base media (mp4, m4a, 3gp) structure check: every top-level box must fit
 * in the file and a `moov` box (the sample index) must be present. A file cut
 * in half loses either the end of `mdat` or, when `moov` is written last, the index.
 */
import type { Reason } from '../reason.js';
import type { ByteReader } from './byte-reader.js';

/** Returns why the mp4 file is truncated, or null when its top-level boxes fit. */
export async function checkMp4(reader: ByteReader): Promise<Reason | null> {
  let offset = 0;
  let hasMoov = false;

  while (offset < reader.size) {
    const header = await reader.read(offset, 16);
    if (header.length < 8) {
      return {
        en: `the file ends inside a box header at byte ${offset}`,
        zh: `文件在第 ${offset} 字节处的 box 头中途结束`,
      };
    }

    const type = header.toString('latin1', 4, 8).replace(/[^\x20-\x7e]/g, '?');
    let boxBytes = header.readUInt32BE(0);
    if (boxBytes === 1) {
      // A 64-bit size follows the type.
      if (header.length < 16) {
        return {
          en: `the file ends inside the "${type}" box header`,
          zh: `文件在 "${type}" box 头中途结束`,
        };
      }
      boxBytes = Number(header.readBigUInt64BE(8));
    } else if (boxBytes === 0) {
      // Size 0 means the box extends to the end of the file.
      boxBytes = reader.size - offset;
    }

    if (type === 'moov') {
      hasMoov = true;
    }
    if (boxBytes < 8) {
      return {
        en: `the "${type}" box at byte ${offset} has an invalid size of ${boxBytes} bytes`,
        zh: `第 ${offset} 字节处的 "${type}" box 大小无效（${boxBytes} 字节）`,
      };
    }
    if (offset + boxBytes > reader.size) {
      return {
        en: `the "${type}" box declares ${boxBytes} bytes but only ${reader.size - offset} remain`,
        zh: `"${type}" box 声明了 ${boxBytes} 字节，但只剩 ${reader.size - offset} 字节`,
      };
    }
    offset += boxBytes;
  }

  if (!hasMoov) {
    return {
      en: 'the "moov" box with the sample index is missing',
      zh: '缺少包含采样索引的 "moov" box',
    };
  }
  return null;
}
