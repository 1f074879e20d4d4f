/**
 * Main-thread side of the analysis worker: sends a transcript to the one
 * worker thread of this process and resolves with its result. The thread
 * starts on first use and does not keep the process alive when idle. If it
 * dies, pending requests reject and the next request starts a new thread.
 */
import { Worker } from 'node:worker_threads';
import type { CallAnalysis } from '../domain/pitfalls.js';
import type { Transcript } from '../domain/transcript.js';
import type { CallExtraction } from '../domain/deal.js';
import type { Glossary } from '../nlu/glossary.js';
import type { TeamSettings } from '../settings/team-settings.js';

/** A request to the analysis thread. */
export type AnalysisRequest =
  | { id: number; kind: 'analyze'; transcript: Transcript; settings: TeamSettings }
  | { id: number; kind: 'extract'; transcript: Transcript; glossary: Glossary };

/** The thread's reply to one request. */
export type AnalysisReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; message: string };

type WithoutId<Request> = Request extends unknown ? Omit<Request, 'id'> : never;

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

const ENTRY = new URL('./analysis-worker-bootstrap.mjs', import.meta.url);

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

function failAll(message: string): void {
  for (const { reject } of pending.values()) reject(new Error(`analysis thread failed: ${message}`));
  pending.clear();
  worker = null;
}

function thread(): Worker {
  if (worker) return worker;
  const started = new Worker(ENTRY);
  started.unref();
  started.on('message', (reply: AnalysisReply) => {
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if (reply.ok) waiting.resolve(reply.result);
    else waiting.reject(new Error(reply.message));
    if (pending.size === 0) started.unref();
  });
  started.on('error', (error) => failAll(error.message));
  started.on('exit', (code) => {
    if (worker === started) failAll(`the thread exited with code ${code}`);
  });
  worker = started;
  return started;
}

function send<Result>(request: WithoutId<AnalysisRequest>): Promise<Result> {
  const id = nextId++;
  const target = thread();
  // A thread with work in flight keeps the process alive until the reply arrives.
  target.ref();
  return new Promise<Result>((resolve, reject) => {
    pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
    target.postMessage({ ...request, id });
  });
}

/** Detects pitfalls and objections in the analysis thread. */
export function analyzeInThread(transcript: Transcript, settings: TeamSettings): Promise<CallAnalysis> {
  return send<CallAnalysis>({ kind: 'analyze', transcript, settings });
}

/** Extracts pains, requirements and commitments in the analysis thread. */
export function extractInThread(transcript: Transcript, glossary: Glossary): Promise<CallExtraction> {
  return send<CallExtraction>({ kind: 'extract', transcript, glossary });
}

/** Stops the thread; pending requests reject. */
export async function closeAnalysisThread(): Promise<void> {
  const current = worker;
  worker = null;
  if (current) {
    failAll('the thread was closed');
    await current.terminate();
  }
}
