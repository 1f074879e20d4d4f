/**
 * Prometheus metrics of one process (prom-client): calls waiting per
 * status, BullMQ job counts, stage job durations, ASR real-time factor,
 * failures by error code and HTTP latency. GET /metrics of the API serves
 * them, and a worker serves them on CALLSCORE_METRICS_PORT.
 */
import client from 'prom-client';
import type { FastifyInstance } from 'fastify';
import type { PipelineStage } from '../domain/call-state.js';
import { isCallscoreError } from '../errors/registry.js';
import type { StageHandler } from '../jobs/queue.js';
import type { PipelineServices } from '../jobs/pipeline.js';

/** The registry that /metrics serves. */
export const metricsRegistry = new client.Registry();
client.collectDefaultMetrics({ register: metricsRegistry, prefix: 'callscore_' });

const jobDuration = new client.Histogram({
  name: 'callscore_job_duration_seconds',
  help: 'Duration of one stage job attempt in seconds, by stage and outcome (ok, or retry when the attempt threw).',
  labelNames: ['stage', 'outcome'] as const,
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800],
  registers: [metricsRegistry],
});

const asrRealTimeFactor = new client.Histogram({
  name: 'callscore_asr_real_time_factor',
  help: 'Transcription wall time divided by audio duration; below 1 is faster than real time.',
  buckets: [0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 4],
  registers: [metricsRegistry],
});

const failures = new client.Counter({
  name: 'callscore_failures_total',
  help: 'Calls marked failed, by stage and error code.',
  labelNames: ['stage', 'code'] as const,
  registers: [metricsRegistry],
});

const retries = new client.Counter({
  name: 'callscore_stage_retries_total',
  help: 'Stage attempts that threw and were handed back for a retry, by stage and error code.',
  labelNames: ['stage', 'code'] as const,
  registers: [metricsRegistry],
});

const httpDuration = new client.Histogram({
  name: 'callscore_http_request_duration_seconds',
  help: 'HTTP request duration in seconds, by method, route template and status code.',
  labelNames: ['method', 'route', 'status_code'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [metricsRegistry],
});

/** Counts of waiting work read when /metrics is scraped. */
export interface QueueDepthSource {
  /** Calls per unfinished status (uploaded, transcribing, analyzing). */
  callsByStatus(): Promise<Record<string, number>>;
  /** BullMQ job counts per stage and state; absent for the in-process queue. */
  jobCounts?(): Promise<Record<string, Record<string, number>>>;
}

let depthSource: QueueDepthSource | null = null;

new client.Gauge({
  name: 'callscore_calls_unfinished',
  help: 'Calls not yet scored or failed, by status; the backlog whatever queue carries it.',
  labelNames: ['status'] as const,
  registers: [metricsRegistry],
  async collect() {
    if (!depthSource) return;
    this.reset();
    for (const [status, count] of Object.entries(await depthSource.callsByStatus())) this.set({ status }, count);
  },
});

new client.Gauge({
  name: 'callscore_queue_jobs',
  help: 'BullMQ jobs per stage and state (waiting, active, delayed); empty without Redis.',
  labelNames: ['stage', 'state'] as const,
  registers: [metricsRegistry],
  async collect() {
    if (!depthSource?.jobCounts) return;
    this.reset();
    for (const [stage, counts] of Object.entries(await depthSource.jobCounts())) {
      for (const [state, count] of Object.entries(counts)) this.set({ stage, state }, count);
    }
  },
});

/** Sets where the queue depth gauges read their counts; the last process component to call it wins. */
export function setQueueDepthSource(source: QueueDepthSource): void {
  depthSource = source;
}

function errorCode(error: unknown): string {
  return isCallscoreError(error) ? error.code : 'unexpected';
}

/** Wraps a stage handler so each attempt's duration and each handed-back attempt are counted. */
export function instrumentStageHandler(handler: StageHandler): StageHandler {
  return async (job) => {
    const stopTimer = jobDuration.startTimer({ stage: job.stage });
    try {
      const outcome = await handler(job);
      stopTimer({ outcome: 'ok' });
      return outcome;
    } catch (error) {
      stopTimer({ outcome: 'retry' });
      retries.inc({ stage: job.stage, code: errorCode(error) });
      throw error;
    }
  };
}

/** Counts a call marked failed. */
export function recordCallFailure(stage: PipelineStage, code: string): void {
  failures.inc({ stage, code });
}

/** Wraps the transcription service so each run's real-time factor is recorded. */
export function withAsrMetrics(services: PipelineServices): PipelineServices {
  const transcribe = services.transcribe;
  return {
    ...services,
    async transcribe(request) {
      const started = performance.now();
      const result = await transcribe(request);
      if (result.durationMs > 0) asrRealTimeFactor.observe((performance.now() - started) / result.durationMs);
      return result;
    },
  };
}

/** Adds the HTTP latency hook to the root app, so every route is measured. */
export function installHttpMetrics(app: FastifyInstance): void {
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    httpDuration.observe({ method: request.method, route, status_code: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
}
