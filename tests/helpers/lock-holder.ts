/**
 * Child process for the folder-lock race test: takes the lock on the folder
 * given as argv[2], prints "held" or the error code, and keeps the lock until
 * its stdin closes.
 */
import { isCallscoreError } from '../../src/errors/registry.js';
import { lockDatabaseFolder } from '../../src/store/db-lock.js';

const dir = process.argv[2]!;
try {
  const lock = lockDatabaseFolder(dir);
  process.stdout.write('held\n');
  process.stdin.resume();
  process.stdin.on('end', () => {
    lock.release();
    process.exit(0);
  });
} catch (error) {
  process.stdout.write(`${isCallscoreError(error) ? error.code : String(error)}\n`);
  process.exit(0);
}
