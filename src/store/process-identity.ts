/**
 * Identity of a running process that survives pid reuse: the boot id and the
 * process's start time in clock ticks since boot (field 22 of
 * /proc/<pid>/stat, see proc(5)). Linux only; elsewhere both readers return null.
 */
import fs from 'node:fs';

function readBootId(): string | null {
  try {
    return fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null;
  } catch {
    return null;
  }
}

function readStartTime(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2 (the command name) is in parentheses and may contain spaces, so fields are counted after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // The rest starts at field 3, so field 22 is at index 19.
    const startTime = fields[19];
    return startTime && /^\d+$/.test(startTime) ? startTime : null;
  } catch {
    return null;
  }
}

/** Returns "boot:<boot id> start:<ticks>" for `pid`, or null when /proc cannot tell. */
export function processIdentity(pid: number): string | null {
  const bootId = readBootId();
  const startTime = readStartTime(pid);
  return bootId && startTime ? `boot:${bootId} start:${startTime}` : null;
}

/** Returns this process's identity, or null when /proc cannot tell. */
export function currentProcessIdentity(): string | null {
  return processIdentity(process.pid);
}
