/** The batch command as a person runs it, on the embedded database with in-process jobs. */
import { execFile, spawn } from 'node:child_process';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config/config.js';
import { openDatabase } from '../src/store/db.js';
import { makeTempDir } from './helpers/harness.js';

const run = promisify(execFile);
const CLI = path.join(PROJECT_ROOT, 'bin/callscore.js');

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

let dir: string;
let env: NodeJS.ProcessEnv;

async function callscore(args: string[], extra: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { env: { ...env, ...extra } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

async function writeManifest(name: string, count: number, prefix: string, extraRows: string[] = []): Promise<string> {
  const corpus = (await readFile(path.join(PROJECT_ROOT, 'data/train.jsonl'), 'utf8')).trim().split('\n');
  const rows = ['path,callId,dealId,repId,startedAt,channelLayout,language'];
  for (let index = 0; index < count; index++) {
    const conversation = JSON.parse(corpus[index % corpus.length]!);
    await writeFile(path.join(dir, `${prefix}-${index}.json`), JSON.stringify({ turns: conversation.turns }));
    rows.push(`${prefix}-${index}.json,${prefix}-${index},D-${index % 5},R-${index % 3},2026-08-${String((index % 28) + 1).padStart(2, '0')}T09:00:00+08:00,mono,auto`);
  }
  rows.push(...extraRows);
  const file = path.join(dir, name);
  await writeFile(file, rows.join('\n'));
  return file;
}

async function countFiles(folder: string): Promise<number> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).length;
}

beforeAll(async () => {
  dir = await makeTempDir('cli-batch');
  env = { ...process.env, LANG: 'en_US.UTF-8', CALLSCORE_DATA_DIR: path.join(dir, 'data'), CALLSCORE_MODELS_DIR: await makeTempDir('models') };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  delete env.LOG_LEVEL;
});

describe('callscore batch', () => {
  let batchId: string;

  it('imports the good rows and lists the bad ones', async () => {
    const manifest = await writeManifest('small.csv', 3, 'small', ['nowhere.json,lost-1,D-1,R-1,2026-08-01T09:00:00+08:00,mono,auto']);
    const result = await callscore(['batch', 'import', '--manifest', manifest, '--team', 'east']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('CS_ERR_MANIFEST_ROW: Manifest line 5: field "path" is invalid: no such file');
    const queued = /Batch (imp-[0-9a-f]+): 3 calls queued, 0 already imported, 1 rows rejected\./.exec(result.stdout);
    expect(queued).not.toBeNull();
    batchId = queued![1]!;
    expect(result.stdout).toContain(`Batch ${batchId} finished: 3 scored, 0 failed.`);
  }, 60_000);

  it('imports nothing twice on a second run', async () => {
    const result = await callscore(['batch', 'import', '--manifest', path.join(dir, 'small.csv'), '--team', 'east']);
    expect(result.stdout).toContain(`Batch ${batchId}: 0 calls queued, 3 already imported, 1 rows rejected.`);
  }, 60_000);

  it('shows status and failures', async () => {
    const status = await callscore(['batch', 'status', batchId]);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(`Batch ${batchId} (import): 3 scored, 0 failed, 0 remaining of 3`);
    const failures = await callscore(['batch', 'failures', batchId]);
    expect(failures.stdout).toContain(`Batch ${batchId} has no failed calls.`);
    const unknown = await callscore(['batch', 'status', 'imp-none'], { LANG: 'zh_CN.UTF-8' });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('CS_ERR_BATCH_NOT_FOUND: 未找到批次 "imp-none"');
  }, 60_000);

  it('re-scores a period and exports reports', async () => {
    const rescore = await callscore(['batch', 'rescore', '--from', '2026-08-01', '--to', '2026-08-31', '--team', 'east']);
    expect(rescore.code).toBe(0);
    expect(rescore.stdout).toMatch(/Re-score batch rsc-[0-9a-f-]+: 3 calls queued\./);
    expect(rescore.stdout).toMatch(/finished: 3 scored, 0 failed\./);

    const xlsx = path.join(dir, 'q3.xlsx');
    const report = await callscore(['batch', 'report', '--from', '2026-08-01', '--to', '2026-08-31', '--team', 'east', '--out', xlsx]);
    expect(report.code).toBe(0);
    expect((await stat(xlsx)).size).toBeGreaterThan(1000);
    const html = path.join(dir, 'q3.html');
    const zh = await callscore(['batch', 'report', '--from', '2026-08-01', '--to', '2026-08-31', '--format', 'html', '--out', html], { LANG: 'zh_CN.UTF-8' });
    expect(zh.stdout).toContain('报告已写入');
    expect(await readFile(html, 'utf8')).toContain('通话评分报告');

    const period = ['batch', 'report', '--from', '2026-08-01', '--to', '2026-08-31'];
    const toFolder = await callscore([...period, '--out', dir]);
    expect(toFolder.code).toBe(1);
    expect(toFolder.stderr).toBe(`CS_ERR_OUTPUT_UNWRITABLE: Cannot write "${dir}": the path is a folder. Give --out a file path in an existing folder that you may write to.\n`);
    const missing = path.join(dir, 'no-such-folder', 'q3.xlsx');
    const toMissing = await callscore([...period, '--out', missing, '--locale', 'zh-CN']);
    expect(toMissing.code).toBe(1);
    expect(toMissing.stderr).toContain(`无法写入 "${missing}"：所在文件夹不存在。请为 --out 指定`);
  }, 90_000);

  it('continues an import interrupted midway', async () => {
    const manifest = await writeManifest('large.csv', 240, 'large');
    const blobs = path.join(env.CALLSCORE_DATA_DIR!, 'storage/blobs');
    const child = spawn(process.execPath, [CLI, 'batch', 'import', '--manifest', manifest], { env, stdio: 'ignore' });
    const exited = new Promise((resolve) => child.once('exit', resolve));

    // Interrupt once the import has copied some of the files, so part of the batch exists.
    const deadline = Date.now() + 60_000;
    while ((await countFiles(blobs)) < 50 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    child.kill('SIGINT');
    expect(await exited).toBe(130);

    const rerun = await callscore(['batch', 'import', '--manifest', manifest]);
    const counts = /: (\d+) calls queued, (\d+) already imported/.exec(rerun.stdout);
    expect(counts).not.toBeNull();
    expect(Number(counts![1]) + Number(counts![2])).toBe(240);
    expect(Number(counts![2])).toBeGreaterThan(0);
    expect(rerun.stdout).toMatch(/finished: 240 scored, 0 failed\./);

    const db = await openDatabase({ dataDir: env.CALLSCORE_DATA_DIR! });
    try {
      const twice = await db.query(
        "SELECT call_id FROM call_transitions WHERE call_id LIKE 'large-%' AND to_status = 'scored' GROUP BY call_id HAVING COUNT(*) <> 1",
      );
      expect(twice).toEqual([]);
      const scored = await db.query<{ n: number }>("SELECT COUNT(*)::int AS n FROM calls WHERE id LIKE 'large-%' AND status = 'scored'");
      expect(scored[0]!.n).toBe(240);
    } finally {
      await db.close();
    }
  }, 180_000);
});
