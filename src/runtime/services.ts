/** Wires the real stage functions into the pipeline. */
import { blobPath } from '../ingest/blob-store.js';
import { transcribeRecording } from '../asr/transcribe.js';
import { analyzeInThread, extractInThread } from './analysis-thread.js';
import { scoreCallBehavior } from '../scoring/behavior.js';
import type { PipelineServices } from '../jobs/pipeline.js';
import { rulesVersionFor } from '../settings/team-settings.js';

/** Creates the production services: sherpa-onnx transcription, rule detectors and behavior scoring. */
export function createPipelineServices(storageDir: string): PipelineServices {
  return {
    async transcribe(request) {
      const result = await transcribeRecording({
        audioPath: request.audioPath,
        layout: request.layout,
        language: request.language,
        model: request.model,
        modelsDir: request.modelsDir,
        callId: request.callId,
        repVoiceCentre: request.repVoiceCentre,
      });
      return {
        turns: result.turns,
        rolesKnown: result.rolesKnown,
        durationMs: result.durationMs,
        model: result.model,
        roleConfidence: result.diarization?.roleConfidence ?? null,
        roleMethod: result.diarization?.roleMethod ?? null,
        dualMono: result.dualMono,
      };
    },
    analyze: (transcript, settings) => analyzeInThread(transcript, settings),
    extract: (transcript, glossary) => extractInThread(transcript, glossary),
    scoreBehavior({ callId, analysis, transcript, durationMs, settings }) {
      const behavior = scoreCallBehavior(
        {
          callId,
          analysis,
          durationMs,
          repTurnCount: transcript.turns.filter((turn) => turn.speaker === 'rep').length,
          rolesKnown: transcript.rolesKnown,
        },
        settings.scoring,
      );
      return { score: behavior.score, explanation: behavior, rulesVersion: rulesVersionFor(behavior.rulesVersion, settings) };
    },
    blobPath: (sha256) => blobPath(storageDir, sha256),
  };
}
