/**
 * Reads a batch import manifest: a UTF-8 CSV whose first line names the
 * columns, then one call per line. This step checks the columns of each
 * row; batch-import.ts then checks the files the rows point at.
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { CallscoreError, isCallscoreError } from '../errors/registry.js';
import type { UploadFields } from '../api/schemas.js';
import { checkUploadFields } from '../api/upload-fields.js';
import { CsvSyntaxError, parseCsv } from './csv.js';

/** Columns a manifest must have. */
export const REQUIRED_COLUMNS = ['path', 'dealId', 'repId', 'startedAt'] as const;

/** Columns a manifest may have; a missing optional column takes the upload default. */
export const OPTIONAL_COLUMNS = ['callId', 'channelLayout', 'language', 'teamId', 'consent'] as const;

const KNOWN_COLUMNS = new Set<string>([...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS]);

/** A manifest row whose columns are valid. */
export interface ManifestRow {
  line: number;
  /** Absolute path of the recording or transcript. */
  path: string;
  fields: UploadFields;
}

/** A rejected row: its line and a CS_ERR_MANIFEST_ROW error naming the field and the fix. */
export interface ManifestRowError {
  line: number;
  field: string;
  error: CallscoreError;
}

/** The rows of a manifest, split into valid rows and rejected ones. */
export interface ParsedManifest {
  rows: ManifestRow[];
  errors: ManifestRowError[];
}

/** Where relative paths resolve from (the manifest's folder), or null to require absolute paths. */
export interface ManifestOptions {
  baseDir: string | null;
  /** Folder every path must lie in, or null for no limit (the CLI, which reads as its user anyway). */
  importRoot?: string | null;
  /** Team of rows without a teamId column value. */
  teamId: string;
}

/** Builds the error of one bad row; `reasonZh` defaults to the English reason. */
export function rowError(line: number, field: string, reason: string, reasonZh?: string): ManifestRowError {
  const params: Record<string, string | number> = { line, field, reason };
  if (reasonZh) params.reasonZh = reasonZh;
  return { line, field, error: new CallscoreError('CS_ERR_MANIFEST_ROW', params) };
}

/** Turns an error found while checking a row into that row's error, keeping both languages of a CallscoreError. */
export function rowErrorFrom(line: number, field: string, error: unknown): ManifestRowError {
  // The row message adds its own full stop after the reason.
  if (isCallscoreError(error)) return rowError(line, field, withoutFinalStop(error.messageIn('en')), withoutFinalStop(error.messageIn('zh-CN')));
  return rowError(line, field, error instanceof Error ? error.message : String(error));
}

/**
 * Decodes and parses manifest bytes. Throws CS_ERR_MANIFEST_INVALID when the
 * file is not UTF-8 CSV or its header lacks a required column; returns
 * every row error otherwise.
 */
export function parseManifest(bytes: Buffer, options: ManifestOptions): ParsedManifest {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CallscoreError('CS_ERR_MANIFEST_INVALID', {
      reason: 'it is not UTF-8 text; in Excel save it as "CSV UTF-8"',
      reasonZh: '文件不是 UTF-8 文本；请在 Excel 中另存为“CSV UTF-8”',
    });
  }

  let records;
  try {
    records = parseCsv(text);
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    throw new CallscoreError('CS_ERR_MANIFEST_INVALID', { reason: error.message });
  }
  const [header, ...body] = records;
  if (!header) throw new CallscoreError('CS_ERR_MANIFEST_INVALID', { reason: 'it is empty', reasonZh: '文件为空' });

  const columns = header.fields.map((name) => name.trim());
  const unknown = columns.filter((name) => !KNOWN_COLUMNS.has(name));
  const missing = REQUIRED_COLUMNS.filter((name) => !columns.includes(name));
  if (unknown.length > 0 || missing.length > 0) {
    const problems = [
      ...(missing.length > 0 ? [`missing column(s) ${missing.join(', ')}`] : []),
      ...(unknown.length > 0 ? [`unknown column(s) ${unknown.join(', ')}`] : []),
    ];
    const problemsZh = [
      ...(missing.length > 0 ? [`缺少列 ${missing.join('、')}`] : []),
      ...(unknown.length > 0 ? [`未知列 ${unknown.join('、')}`] : []),
    ];
    throw new CallscoreError('CS_ERR_MANIFEST_INVALID', { reason: `line 1 has ${problems.join(' and ')}`, reasonZh: `第 1 行${problemsZh.join('，')}` });
  }

  const parsed: ParsedManifest = { rows: [], errors: [] };
  for (const record of body) {
    const result = parseRow(record.line, columns, record.fields, options);
    if ('error' in result) parsed.errors.push(result);
    else parsed.rows.push(result);
  }
  return parsed;
}

function parseRow(line: number, columns: string[], values: string[], options: ManifestOptions): ManifestRow | ManifestRowError {
  if (values.length !== columns.length) {
    return rowError(line, 'row', `it has ${values.length} values but the header names ${columns.length} columns`, `该行有 ${values.length} 个值，而表头有 ${columns.length} 列`);
  }

  const raw: Record<string, string> = {};
  columns.forEach((name, index) => {
    const value = values[index]!.trim();
    if (value !== '') raw[name] = value;
  });

  const filePath = raw.path;
  if (!filePath) return rowError(line, 'path', 'missing', '缺少该值');
  if (!options.baseDir && !path.isAbsolute(filePath)) {
    return rowError(line, 'path', `"${filePath}" is relative; give an absolute path`, `"${filePath}" 是相对路径；请使用绝对路径`);
  }

  const { path: _path, ...fieldValues } = raw;
  const fields = checkUploadFields({ teamId: options.teamId, ...fieldValues });
  if (fields.issue) {
    const field = fields.issue.field === 'form' ? 'row' : fields.issue.field;
    return rowError(line, field, fields.issue.reason, fields.issue.reasonZh);
  }

  const resolved = path.resolve(options.baseDir ?? '/', filePath);
  if (options.importRoot && !isInside(options.importRoot, resolved)) {
    return rowError(
      line,
      'path',
      `"${filePath}" is outside the import folder; copy the file into ${options.importRoot} (CALLSCORE_IMPORT_DIR)`,
      `"${filePath}" 不在导入目录中；请将文件复制到 ${options.importRoot}（CALLSCORE_IMPORT_DIR）`,
    );
  }
  return { line, path: resolved, fields: fields.data };
}

// Symbolic links are resolved, so a link inside the folder cannot point outside it.
function isInside(root: string, target: string): boolean {
  const real = (value: string) => {
    try {
      return realpathSync(value);
    } catch {
      return path.resolve(value);
    }
  };
  const relative = path.relative(real(root), real(target));
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** Removes one sentence-final full stop (English or Chinese) from `message`. */
function withoutFinalStop(message: string): string {
  return message.replace(/[.。]\s*$/, '');
}
