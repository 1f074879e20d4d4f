/**
 * A minimal HTTP listener for processes without the API (`callscore
 * worker`), so Prometheus can scrape their job metrics at /metrics.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { metricsRegistry } from './metrics.js';

/** Serves GET /metrics and GET /healthz on `host:port` and returns the listening server. */
export async function startMetricsServer(host: string, port: number): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.method === 'GET' && request.url === '/metrics') {
      metricsRegistry
        .metrics()
        .then((body) => response.writeHead(200, { 'content-type': metricsRegistry.contentType }).end(body))
        .catch((error: unknown) => response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error)));
      return;
    }
    if (request.method === 'GET' && request.url === '/healthz') {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    response.writeHead(404, { 'content-type': 'text/plain' }).end('Only GET /metrics and GET /healthz are served here.');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}

/** Port the server listens on, useful when it was started on port 0. */
export function listeningPort(server: Server): number {
  return (server.address() as AddressInfo).port;
}
