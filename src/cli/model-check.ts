/** Start-up check that the transcription model is installed, so a missing model is visible before the first call fails. */
import type { Config } from '../config/config.js';
import type { Logger } from '../config/logger.js';
import { requireInstalledModel } from '../asr/models/index.js';
import { isCallscoreError } from '../errors/registry.js';

/** Logs one warning with the install command when the configured model is absent; audio calls then fail until it is installed. */
export function warnIfModelMissing(config: Config, logger: Logger): void {
  try {
    requireInstalledModel(config.asrModel, config.modelsDir);
  } catch (error) {
    if (!isCallscoreError(error)) throw error;
    logger.warn({ model: config.asrModel, modelsDir: config.modelsDir, code: error.code }, error.message);
  }
}
