/**
 * The process logger. Log lines carry ids (callId, dealId, jobId) and error
 * codes, never transcript text, audio content or connection secrets. As a
 * second line of defence, every string in a log call passes through the
 * personal data redaction: message, fields, child bindings, error messages
 * and stacks. A phone or ID number that reaches a log call is masked before
 * it is written.
 */
import pino from 'pino';
import { redactText, redactValue } from '../privacy/redact.js';

// Database errors carry the statement's parameters and the offending row, which may hold transcript text.
const ERROR_FIELDS_WITH_DATA = ['params', 'parameters', 'detail', 'where'];

function serializeError(error: Error): Record<string, unknown> {
  const serialized = pino.stdSerializers.err(error) as unknown as Record<string, unknown>;
  for (const field of ERROR_FIELDS_WITH_DATA) delete serialized[field];
  return serialized;
}

/** Creates the pino logger for a process; `destination` 2 writes to stderr, and a stream (tests) receives the lines. */
export function createLogger(level: string, destination: 1 | 2 | pino.DestinationStream = 1): pino.Logger {
  const logger = pino(
    {
      level,
      base: { service: 'callscore' },
      redact: { paths: ['*.password', '*.databaseUrl', '*.redisUrl', 'req.headers.authorization'], remove: true },
      serializers: { err: serializeError },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((arg) => (typeof arg === 'string' ? redactText(arg).text : redactValue(arg)));
          return method.apply(this, masked as Parameters<typeof method>);
        },
      },
    },
    typeof destination === 'number' ? pino.destination({ fd: destination, sync: destination === 2 }) : destination,
  );

  // Children are created from their parent's prototype, so they inherit this masking `child` too.
  const createChild = logger.child;
  logger.child = function maskedChild(this: pino.Logger, bindings, options) {
    return createChild.call(this, redactValue(bindings) as pino.Bindings, options);
  } as typeof logger.child;
  return logger;
}

export type Logger = pino.Logger;
