/**
 * Test-loads a model in a throwaway child process before the ASR worker
 * loads it. sherpa-onnx 1.13.8 aborts the whole process on a corrupt model
 * file or a malformed tokens.txt (an uncaught C++ exception), and a worker
 * thread shares its process with the server, so the check has to run apart.
 */
import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { CallscoreError } from '../errors/registry.js';
import type { AsrEngine, InstalledModelFiles } from './models/catalog.js';
import type { RecognizerSpec } from './recognizer.js';
import type { AsrProvider } from './types.js';

/** Installed files of a speech recognizer model. */
export type RecognizerFiles = InstalledModelFiles & { engine: AsrEngine; tokens: string };

const CHILD_ENTRY = fileURLToPath(new URL('./model-check-child.mjs', import.meta.url));

/** Time limit of the check, generous because a real model file is a few hundred MB. */
const CHECK_TIMEOUT_MS = 120_000;

// Checks that passed or are running, keyed by file identity, so each model version is checked once per process.
const checks = new Map<string, Promise<void>>();

async function fileIdentity(files: InstalledModelFiles): Promise<string> {
  const stats = await Promise.all(files.all.map((file) => stat(file)));
  return files.all.map((file, i) => `${file}:${stats[i]!.size}:${stats[i]!.mtimeMs}`).join('|');
}

/**
 * Ensures the model files load and decode, and returns a key that changes
 * whenever either file is replaced. Throws CS_ERR_MODEL_INVALID with the
 * loader's message when they do not.
 */
export async function ensureModelLoads(model: string, modelsDir: string, files: RecognizerFiles, provider: AsrProvider = 'cpu'): Promise<string> {
  const identity = await fileIdentity(files);
  let check = checks.get(identity);
  if (!check) {
    const spec: RecognizerSpec = {
      engine: files.engine,
      modelPath: files.model,
      decoderPath: files.decoder,
      tokensPath: files.tokens,
      language: 'auto',
      threads: 1,
      provider,
    };
    check = runCheck(model, modelsDir, spec);
    checks.set(identity, check);
    // A failed check is not cached, so a reinstalled model is checked again.
    check.catch(() => checks.delete(identity));
  }
  await check;
  return identity;
}

function runCheck(model: string, modelsDir: string, spec: RecognizerSpec): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD_ENTRY, JSON.stringify(spec)], {
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: CHECK_TIMEOUT_MS,
    });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      stderr = (stderr + text).slice(-4000);
    });

    const invalid = (reason: string): CallscoreError => new CallscoreError('CS_ERR_MODEL_INVALID', { model, dir: modelsDir, reason });
    child.on('error', (error) => reject(invalid(`the check process could not start: ${error.message}`)));
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(invalid(loaderMessage(stderr) ?? (signal ? `the loader stopped with ${signal}` : `the loader exited with code ${code}`)));
    });
  });
}

// An aborting C++ exception prints "what():  <message>", a JS error prints a
// line starting with its class, and sherpa-onnx's own checks log a last line.
function loaderMessage(stderr: string): string | undefined {
  const lines = stderr.split('\n').map((line) => line.trim()).filter(Boolean);
  const what = /what\(\):\s*(.+)/.exec(stderr)?.[1];
  const message = what ?? lines.find((line) => /^\w*Error\b/.test(line)) ?? lines.at(-1);
  return message?.replace(/[.\s]+$/, '');
}
