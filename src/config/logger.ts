/**
 * The process logger. Log lines carry ids (callId, dealId, jobId) and error
 * codes, never transcript text, audio content or connection secrets.
 */
import pino from 'pino';

/** Creates the pino logger for a process; `destination` 2 writes to stderr. */
export function createLogger(level: string, destination: 1 | 2 = 1): pino.Logger {
  return pino(
    {
      level,
      base: { service: 'callscore' },
      redact: { paths: ['*.password', '*.databaseUrl', '*.redisUrl', 'req.headers.authorization'], remove: true },
    },
    pino.destination({ fd: destination, sync: destination === 2 }),
  );
}

export type Logger = pino.Logger;
