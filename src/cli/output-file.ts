/**
 * Writes the files and folders that a command was asked to produce, and turns
 * a failure (a folder, a missing folder, no permission) into
 * CS_ERR_OUTPUT_UNWRITABLE that names the option, instead of a stack trace.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { CallscoreError } from '../errors/registry.js';

function writeFailureReason(error: unknown): { reason: string; reasonZh: string } {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EISDIR') {
    return { reason: 'the path is a folder', reasonZh: '该路径是文件夹' };
  }
  if (code === 'ENOENT') {
    return { reason: 'its folder does not exist', reasonZh: '所在文件夹不存在' };
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return { reason: 'permission denied', reasonZh: '没有写入权限' };
  }
  if (code === 'EEXIST') {
    return { reason: 'a file of that name is in the way of the folder', reasonZh: '已有同名文件，无法创建该文件夹' };
  }
  if (code === 'ENOTDIR') {
    return { reason: 'a part of the path is a file, not a folder', reasonZh: '路径中的某一级是文件而不是文件夹' };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { reason: message, reasonZh: message };
}

/** Writes `body` to `file`, which the user gave with `option` (such as --out). */
export async function writeOutputFile(file: string, body: string | Uint8Array, option: string): Promise<void> {
  try {
    await writeFile(file, body);
  } catch (error) {
    throw new CallscoreError('CS_ERR_OUTPUT_UNWRITABLE', { file, option, ...writeFailureReason(error) });
  }
}

/** Creates the folder `dir`, with its parents, which the user gave with `option` (such as --out). */
export async function makeOutputFolder(dir: string, option: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw new CallscoreError('CS_ERR_OUTPUT_UNWRITABLE', { file: dir, option, ...writeFailureReason(error) });
  }
}
