/**
 * Worker thread that runs the text analysis of one call at a time: pitfall
 * and objection detection, and extraction of pains, requirements and
 * commitments. Both are synchronous and take seconds on a transcript of
 * thousands of turns, so they run here instead of on the event loop that
 * serves the API and renews queue locks.
 */
import { parentPort } from 'node:worker_threads';
import { analyzeTranscript } from '../pitfalls/index.js';
import { extractCall } from '../nlu/extract-call.js';
import type { AnalysisReply, AnalysisRequest } from './analysis-thread.js';

function handle(request: AnalysisRequest): AnalysisReply {
  try {
    if (request.kind === 'analyze') {
      return { id: request.id, ok: true, result: analyzeTranscript(request.transcript, request.settings.detection) };
    }
    return { id: request.id, ok: true, result: extractCall(request.transcript, request.glossary) };
  } catch (error) {
    return { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

parentPort!.on('message', (request: AnalysisRequest) => {
  parentPort!.postMessage(handle(request));
});
