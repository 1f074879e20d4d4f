/**
 * A client that disconnects in the middle of an upload is logged as an
 * aborted request at info level, not as a failed request at error level.
 */
import net from 'node:net';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/config/logger.js';
import { makeTempDir, startService, type Service } from './helpers/harness.js';

let service: Service;
const logLines: Array<Record<string, unknown>> = [];

const logSink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString().split('\n')) if (line.trim()) logLines.push(JSON.parse(line) as Record<string, unknown>);
    done();
  },
});

beforeAll(async () => {
  service = await startService({ modelsDir: await makeTempDir('models'), logger: createLogger('info', logSink) });
});

afterAll(async () => {
  await service?.close();
});

/** Sends the start of a large multipart upload, then closes the connection. */
async function abortUpload(): Promise<void> {
  const { port } = new URL(service.baseUrl);
  const boundary = 'abortboundary';
  const head =
    `--${boundary}\r\ncontent-disposition: form-data; name="dealId"\r\n\r\nD-ABORT\r\n` +
    `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="call.wav"\r\ncontent-type: audio/wav\r\n\r\n`;
  const socket = net.connect(Number(port), '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(
    `POST /v1/calls HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: ${service.authHeaders.authorization}\r\n` +
      `content-type: multipart/form-data; boundary=${boundary}\r\ncontent-length: ${10 * 1024 * 1024}\r\n\r\n`,
  );
  socket.write(head);
  socket.write(Buffer.alloc(256 * 1024, 1));
  // The server logs "incoming request" once it starts on the upload; the socket closes after that.
  while (!logLines.some((line) => line.msg === 'incoming request' && (line.req as { url?: string } | undefined)?.url === '/v1/calls')) await sleep(20);
  socket.destroy();
}

describe('aborted upload', () => {
  it('logs the abort at info level', async () => {
    await abortUpload();
    let outcome: Record<string, unknown> | undefined;
    while (!outcome) {
      outcome = logLines.find((line) => line.msg === 'request failed' || line.msg === 'request aborted by the client');
      await sleep(20);
    }
    expect(outcome.msg).toBe('request aborted by the client');
    expect(outcome.level).toBe(30);
    expect(logLines.filter((line) => line.msg === 'request failed')).toEqual([]);
    expect(outcome.reqId).toBe(logLines.find((line) => line.msg === 'incoming request')?.reqId);
  }, 60_000);
});
