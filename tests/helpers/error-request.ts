/** Sends one request to a test service and reads the error code and message of the response. */
import type { Service } from './harness.js';

/** Request options: raw body or JSON, extra headers, and whether to send the admin key (default yes). */
export interface ErrorRequestOptions {
  headers?: Record<string, string>;
  body?: string;
  json?: unknown;
  auth?: boolean;
}

/** Sends `method url` to `service` and returns the status and the `{error: {code, message}}` of the body. */
export async function sendForError(
  service: Service,
  method: string,
  url: string,
  options: ErrorRequestOptions = {},
): Promise<{ status: number; code: string; message: string }> {
  const headers: Record<string, string> = { ...(options.auth === false ? {} : service.authHeaders), ...options.headers };
  let body = options.body;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  }
  const response = await fetch(`${service.baseUrl}${url}`, { method, headers, body });
  const parsed = (await response.json()) as { error?: { code: string; message: string } };
  return { status: response.status, code: parsed.error?.code ?? '', message: parsed.error?.message ?? '' };
}
