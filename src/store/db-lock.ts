/**
 * An exclusive lock on a PGlite data folder. PGlite runs PostgreSQL inside
 * one process, so a second process that opens the same folder works on its
 * own copy: its writes never reach the first process, and the first one's
 * shutdown overwrites them. The lock makes that second open fail at once.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CallscoreError } from '../errors/registry.js';

/** Name of the lock file inside the PGlite folder; it contains the owner's process id. */
export const LOCK_FILE_NAME = 'callscore.lock';

/** A held lock; `release` is safe to call more than once. */
export interface FolderLock {
  release(): void;
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwnerPid(lockPath: string): number | null {
  try {
    const pid = Number.parseInt(fs.readFileSync(lockPath, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function tryCreate(lockPath: string): boolean {
  try {
    // 'wx' is O_CREAT | O_EXCL, so of two processes racing here only one creates the file.
    fs.writeFileSync(lockPath, `${process.pid}\n`, { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Takes the lock on `dir`, or throws CS_ERR_DATABASE_IN_USE when a live
 * process holds it. A lock whose process has ended is stale and is replaced.
 * NOTE: a stale lock whose process id the system has since given to an
 * unrelated process reads as held; delete the lock file by hand then.
 */
export function lockDatabaseFolder(dir: string): FolderLock {
  const lockPath = path.join(dir, LOCK_FILE_NAME);

  // Two rounds: the second runs after removing a stale lock.
  for (let round = 0; round < 2; round += 1) {
    if (tryCreate(lockPath)) return heldLock(lockPath);

    const owner = readOwnerPid(lockPath);
    if (owner !== null && isProcessAlive(owner)) {
      throw new CallscoreError('CS_ERR_DATABASE_IN_USE', { dir, pid: owner });
    }
    fs.rmSync(lockPath, { force: true });
  }
  throw new CallscoreError('CS_ERR_DATABASE_IN_USE', { dir, pid: readOwnerPid(lockPath) ?? 'unknown' });
}

function heldLock(lockPath: string): FolderLock {
  let held = true;
  const release = (): void => {
    if (!held) return;
    held = false;
    process.off('exit', release);
    // Remove the file only while it still names this process.
    if (readOwnerPid(lockPath) === process.pid) fs.rmSync(lockPath, { force: true });
  };
  // A process that exits without closing the database (process.exit, an uncaught error) still frees the folder.
  process.on('exit', release);
  return { release };
}
