/**
 * Model-based speaker diarization with sherpa-onnx: a pyannote segmentation
 * model finds speaker turns and a speaker-embedding model clusters them into
 * voices. Both come from the catalogue (`speaker-segmentation` and
 * `speaker-embedding` engines). The spectral clustering in diarize.ts is the
 * fallback when they are not installed.
 */
import { ASR_ENGINES, isInstalled, loadCatalog, modelFiles, type Catalog } from './models/catalog.js';
import { sherpa, type OfflineSpeakerDiarizationConfig, type SpeakerDiarizationSegment } from './sherpa.js';
import type { AsrProvider } from './types.js';

/** Installed model files of the diarization pair. */
export interface DiarizationModels {
  segmentation: string;
  embedding: string;
}

/**
 * Returns the first installed segmentation and embedding models of the
 * catalogue, or null unless both are present.
 */
export function findDiarizationModels(modelsDir: string, catalog: Catalog = loadCatalog()): DiarizationModels | null {
  let segmentation: string | undefined;
  let embedding: string | undefined;
  for (const [name, entry] of Object.entries(catalog)) {
    if ((ASR_ENGINES as readonly string[]).includes(entry.engine)) continue;
    const files = modelFiles(name, modelsDir, entry);
    if (!isInstalled(files)) continue;
    if (entry.engine === 'speaker-segmentation') segmentation ??= files.model;
    if (entry.engine === 'speaker-embedding') embedding ??= files.model;
  }
  return segmentation && embedding ? { segmentation, embedding } : null;
}

/** Returns the sherpa-onnx config for a two-speaker sales call. */
export function diarizerConfig(models: DiarizationModels, threads: number, provider: AsrProvider): OfflineSpeakerDiarizationConfig {
  return {
    segmentation: { pyannote: { model: models.segmentation }, numThreads: threads, provider, debug: 0 },
    embedding: { model: models.embedding, numThreads: threads, provider, debug: 0 },
    // A sales call has a rep and a customer, so the cluster count is fixed at two.
    clustering: { numClusters: 2, threshold: 0.5 },
    minDurationOn: 0.3,
    minDurationOff: 0.5,
  };
}

/**
 * Creates a diarizer that returns the speaker turns of a whole recording of
 * 16 kHz samples.
 * NOTE: untested, because neither model can be downloaded here and no
 * fixture was built. The config follows the sherpa-onnx-node 1.13.8
 * typedefs, and the transcription stage does not call it yet (see
 * transcribe-audio.ts).
 */
export function createModelDiarizer(models: DiarizationModels, threads: number, provider: AsrProvider): (samples: Float32Array) => SpeakerDiarizationSegment[] {
  const diarization = new sherpa.OfflineSpeakerDiarization(diarizerConfig(models, threads, provider));
  return (samples) => diarization.process(samples);
}
