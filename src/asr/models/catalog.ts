/**
 * The catalogue of speech models that callscore can install and run, read
 * from models/catalog.json, and the paths of an installed model's files.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT } from '../../config/config.js';
import { CallscoreError } from '../../errors/registry.js';

/** Name of the model used when a request names none. */
export const DEFAULT_ASR_MODEL = 'sense-voice-small-int8';

/** Default location of the catalogue file. */
export const CATALOG_PATH = path.join(PROJECT_ROOT, 'models', 'catalog.json');

const downloadSchema = z.object({
  /** Path relative to the base URL. */
  url: z.string().min(1),
  /** Expected SHA-256 in hex, or null while no published checksum is known. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
  /** Size in bytes, or null when unknown. */
  size: z.number().int().positive().nullable(),
  archive: z.enum(['tar.bz2']).optional(),
  /** Archive member paths mapped to file names inside the model folder. Members not listed are discarded. */
  extract: z.record(z.string(), z.string().regex(/^[\w.-]+$/)).optional(),
});

/** Speech recognizer engines the ASR stage can load. */
export const ASR_ENGINES = ['sense-voice', 'whisper', 'paraformer'] as const;

/** Loaders of the catalogue: the recognizers, then the VAD, the diarization pair and punctuation. */
export const MODEL_ENGINES = [...ASR_ENGINES, 'silero-vad', 'speaker-segmentation', 'speaker-embedding', 'punctuation'] as const;

/** A speech recognizer engine. */
export type AsrEngine = (typeof ASR_ENGINES)[number];

/** Any catalogue engine. */
export type ModelEngine = (typeof MODEL_ENGINES)[number];

const fileName = z.string().regex(/^[\w.-]+$/);

const entrySchema = z.object({
  engine: z.enum(MODEL_ENGINES),
  description: z.string(),
  languages: z.array(z.string()).min(1),
  license: z.string(),
  /** The model, or the encoder of an encoder-decoder model such as Whisper. */
  modelFile: fileName,
  /** The decoder of an encoder-decoder model. */
  decoderFile: fileName.optional(),
  /** Token table of a recognizer. VAD, diarization and punctuation models have none. */
  tokensFile: fileName.optional(),
  downloads: z.array(downloadSchema).min(1),
});

const catalogSchema = z.record(z.string().regex(/^[a-z0-9][a-z0-9-]*$/), entrySchema);

/** One downloadable file of a model. */
export type ModelDownload = z.infer<typeof downloadSchema>;

/** A catalogue entry: what a model is and which files it needs. */
export type CatalogEntry = z.infer<typeof entrySchema>;

/** All catalogue entries by model name. */
export type Catalog = z.infer<typeof catalogSchema>;

/** Reads and validates the catalogue, and throws CS_ERR_VALIDATION naming the file when it is broken. */
export function loadCatalog(catalogPath: string = CATALOG_PATH): Catalog {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(catalogPath, 'utf8'));
  } catch (error) {
    throw new CallscoreError('CS_ERR_VALIDATION', { field: catalogPath, reason: (error as Error).message }, { cause: error });
  }

  const parsed = catalogSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CallscoreError('CS_ERR_VALIDATION', {
      field: `${catalogPath}: ${issue.path.join('.')}`,
      reason: issue.message,
    });
  }
  return parsed.data;
}

/** Returns the catalogue entry of `name`, or throws CS_ERR_MODEL_UNKNOWN listing the known names. */
export function catalogEntry(name: string, catalog: Catalog = loadCatalog()): CatalogEntry {
  const entry = catalog[name];
  if (!entry) {
    throw new CallscoreError('CS_ERR_MODEL_UNKNOWN', { model: name, known: Object.keys(catalog).join(', ') });
  }
  return entry;
}

/** Paths of the files an installed model is loaded from. */
export interface InstalledModelFiles {
  dir: string;
  engine: ModelEngine;
  model: string;
  decoder?: string;
  tokens?: string;
  /** Every file above, model first. */
  all: string[];
}

/** Returns the names of the files that model `entry` needs inside its folder, model first. */
export function entryFileNames(entry: CatalogEntry): string[] {
  return [entry.modelFile, entry.decoderFile, entry.tokensFile].filter((name): name is string => name !== undefined);
}

/** Returns where model `name` lives (or would live) inside `modelsDir`. */
export function modelFiles(name: string, modelsDir: string, entry: CatalogEntry): InstalledModelFiles {
  const dir = path.join(modelsDir, name);
  const at = (file: string | undefined): string | undefined => (file === undefined ? undefined : path.join(dir, file));
  return {
    dir,
    engine: entry.engine,
    model: path.join(dir, entry.modelFile),
    decoder: at(entry.decoderFile),
    tokens: at(entry.tokensFile),
    all: entryFileNames(entry).map((file) => path.join(dir, file)),
  };
}

/** Returns true when every file of an installed model is present. */
export function isInstalled(files: InstalledModelFiles): boolean {
  return files.all.every((file) => existsSync(file));
}

/**
 * Returns the files of model `name` when they are all present, and throws
 * CS_ERR_MODEL_UNKNOWN for a name not in the catalogue or CS_ERR_MODEL_MISSING
 * (naming the install command) when a file is absent.
 */
export function requireInstalledModel(name: string, modelsDir: string, catalog?: Catalog): InstalledModelFiles {
  const files = modelFiles(name, modelsDir, catalogEntry(name, catalog));
  if (!isInstalled(files)) {
    throw new CallscoreError('CS_ERR_MODEL_MISSING', { model: name, dir: modelsDir });
  }
  return files;
}
