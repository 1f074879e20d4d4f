/**
 * An exclusive lock on a PGlite data folder. PGlite runs PostgreSQL inside
 * one process, so a second process that opens the same folder works on its
 * own copy: its writes never reach the first process, and the first one's
 * shutdown overwrites them. The lock makes that second open fail at once.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CallscoreError } from '../errors/registry.js';
import { currentProcessIdentity, processIdentity } from './process-identity.js';

/** Name of the lock file inside the PGlite folder; its first line is the owner's process id. */
export const LOCK_FILE_NAME = 'callscore.lock';

/** A held lock; `release` is safe to call more than once. */
export interface FolderLock {
  release(): void;
}

/** Parsed lock file: owner pid, the owner's identity (boot id and start time) when recorded. */
interface LockOwner {
  pid: number;
  identity: string | null;
}

// Lock paths this process holds, so a lock naming this process's pid can be distinguished from a dead predecessor's lock.
const heldPaths = new Set<string>();

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Reads the lock file's text; null when it does not exist. A directory at the path raises a coded error. */
function readLockText(lockPath: string, dir: string): string | null {
  try {
    return fs.readFileSync(lockPath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    if (code === 'EISDIR') throw new CallscoreError('CS_ERR_DATABASE_LOCK_INVALID', { path: lockPath, dir });
    throw error;
  }
}

function parseOwner(text: string | null): LockOwner | null {
  if (text === null) return null;
  const [pidLine = '', identityLine = ''] = text.split('\n');
  const pid = Number.parseInt(pidLine.trim(), 10);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  return { pid, identity: identityLine.trim() || null };
}

/**
 * Tells whether `owner` still holds its lock. A pid equal to this process's
 * pid holds it only when this process took the lock: a container's PID 1
 * otherwise finds its own dead predecessor's lock. A recorded identity that
 * differs from the live process's identity means the pid was reused.
 */
function isOwnerAlive(owner: LockOwner, lockPath: string): boolean {
  if (owner.pid === process.pid) return heldPaths.has(lockPath);
  if (!isProcessAlive(owner.pid)) return false;
  if (owner.identity === null) return true;
  const live = processIdentity(owner.pid);
  // Without /proc the identity cannot be checked, so a live pid counts as the owner.
  return live === null || live === owner.identity;
}

function tryCreate(lockPath: string, content: string): boolean {
  try {
    // 'wx' is O_CREAT | O_EXCL, so of two processes racing here only one creates the file.
    fs.writeFileSync(lockPath, content, { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Removes the stale lock whose text was `staleText`, unless another process
 * replaced it in the meantime. The lock is renamed aside first (rename is
 * atomic, so only one process gets it), and the renamed file's text shows
 * whether it was the stale lock or a fresh one that must be put back.
 */
function removeStaleLock(lockPath: string, staleText: string, dir: string): void {
  const aside = `${lockPath}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    fs.renameSync(lockPath, aside);
  } catch (error) {
    // Another process removed it first.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const renamedText = readLockText(aside, dir);
  if (renamedText !== staleText) {
    // A process took the lock after this one read the stale text. link() fails when the path
    // exists, so the fresh lock is restored without overwriting a third process's lock.
    // NOTE: if a third process creates a lock in that short gap, the restore fails and two processes believe they hold the folder.
    try {
      fs.linkSync(aside, lockPath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  fs.rmSync(aside, { force: true });
}

/**
 * Takes the lock on `dir`, or throws CS_ERR_DATABASE_IN_USE when a live
 * process holds it. A lock whose process has ended, whose pid was given to
 * another process, or that names this process without being held here is
 * stale and is replaced.
 */
export function lockDatabaseFolder(dir: string): FolderLock {
  const lockPath = path.join(dir, LOCK_FILE_NAME);
  // The random nonce makes each lock's text unique, so a takeover can tell a fresh lock from the stale one.
  const content = `${process.pid}\n${currentProcessIdentity() ?? ''}\n${randomBytes(8).toString('hex')}\n`;

  // Several rounds: each one after removing a stale lock, in case another process took the lock meanwhile.
  for (let round = 0; round < 5; round += 1) {
    if (tryCreate(lockPath, content)) return heldLock(lockPath, content, dir);

    const text = readLockText(lockPath, dir);
    if (text === null) continue;
    const owner = parseOwner(text);
    if (owner !== null && isOwnerAlive(owner, lockPath)) {
      throw new CallscoreError('CS_ERR_DATABASE_IN_USE', { dir, pid: owner.pid });
    }
    removeStaleLock(lockPath, text, dir);
  }
  throw new CallscoreError('CS_ERR_DATABASE_IN_USE', { dir, pid: parseOwner(readLockText(lockPath, dir))?.pid ?? 'unknown' });
}

function heldLock(lockPath: string, content: string, dir: string): FolderLock {
  heldPaths.add(lockPath);
  let held = true;
  const release = (): void => {
    if (!held) return;
    held = false;
    heldPaths.delete(lockPath);
    process.off('exit', release);
    // Remove the file only while it is still this lock.
    if (readLockText(lockPath, dir) === content) fs.rmSync(lockPath, { force: true });
  };
  // A process that exits without closing the database (process.exit, an uncaught error) still frees the folder.
  process.on('exit', release);
  return { release };
}
