/**
 * Extracts the files a model needs from a downloaded .tar.bz2 archive with
 * the system `tar`, which calls bzip2 for decompression.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { CallscoreError } from '../../errors/registry.js';

const run = promisify(execFile);

/**
 * Extracts the archive members named in `members` (member path mapped to a
 * file name) into `targetDir`. Only the listed members are written, so the
 * rest of a large archive never reaches the disk. Throws CS_ERR_MODEL_EXTRACT
 * when tar fails or a member is missing.
 */
export async function extractMembers(archivePath: string, members: Record<string, string>, targetDir: string): Promise<void> {
  const scratch = await mkdtemp(join(targetDir, '.extract-'));
  try {
    try {
      await run('tar', ['-xjf', archivePath, '-C', scratch, '--', ...Object.keys(members)]);
    } catch (error) {
      const stderr = (error as { stderr?: string }).stderr?.trim();
      throw new CallscoreError(
        'CS_ERR_MODEL_EXTRACT',
        { file: basename(archivePath), dir: targetDir, reason: stderr || (error as Error).message },
        { cause: error },
      );
    }

    for (const [member, fileName] of Object.entries(members)) {
      await rename(join(scratch, member), join(targetDir, fileName));
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
