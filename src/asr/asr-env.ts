/**
 * Reads the recognizer's thread count and execution provider from the
 * environment. `loadConfig` checks both at start-up, so a bad value stops
 * the service and the worker before they take a call. The transcriber
 * reads them again for each call.
 */
import { availableParallelism } from 'node:os';
import { CallscoreError } from '../errors/registry.js';
import { ASR_PROVIDERS, type AsrProvider } from './types.js';

/**
 * Default recognizer threads: two where the machine has two cores or more.
 * The ASR worker transcribes one call at a time, and on 2 cores the
 * SenseVoice-sized stand-in ran about 1.5 times as fast with two threads as
 * with one (docs/benchmarks.md).
 */
export const DEFAULT_ASR_THREADS = Math.min(2, availableParallelism());

const WHOLE_NUMBER = /^[1-9]\d*$/;

/**
 * Largest recognizer thread count accepted. onnxruntime aborts the whole
 * process when it cannot allocate the thread pool, as it did for a count of
 * 10^20. The cap of 64 is a chosen bound well above ordinary core counts.
 */
export const MAX_ASR_THREADS = 64;

/** Reads CALLSCORE_ASR_THREADS, the onnxruntime threads of the recognizer (DEFAULT_ASR_THREADS unless set). */
export function asrThreads(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.CALLSCORE_ASR_THREADS;
  if (raw === undefined || raw === '') return DEFAULT_ASR_THREADS;
  if (!WHOLE_NUMBER.test(raw) || Number(raw) > MAX_ASR_THREADS) {
    throw new CallscoreError('CS_ERR_VALIDATION', {
      field: 'CALLSCORE_ASR_THREADS',
      reason: `got "${raw}"; set a whole number of threads from 1 to ${MAX_ASR_THREADS}, such as 2, or unset it for the default of ${DEFAULT_ASR_THREADS}`,
      reasonZh: `当前值为 "${raw}"；请设为 1 到 ${MAX_ASR_THREADS} 之间的正整数线程数（如 2），或不设置以使用默认值 ${DEFAULT_ASR_THREADS}`,
    });
  }
  return Number(raw);
}

/** Reads CALLSCORE_ASR_PROVIDER, the onnxruntime execution provider of the recognizer (`cpu` unless set, or `cuda`). */
export function asrProvider(env: NodeJS.ProcessEnv = process.env): AsrProvider {
  const raw = env.CALLSCORE_ASR_PROVIDER;
  if (raw === undefined || raw === '') return 'cpu';
  if (!(ASR_PROVIDERS as readonly string[]).includes(raw)) {
    const choices = ASR_PROVIDERS.join(', ');
    throw new CallscoreError('CS_ERR_VALIDATION', {
      field: 'CALLSCORE_ASR_PROVIDER',
      reason: `got "${raw}"; set one of ${choices}, or unset it for cpu`,
      reasonZh: `当前值为 "${raw}"；请设为 ${choices} 之一，或不设置以使用 cpu`,
    });
  }
  return raw as AsrProvider;
}
