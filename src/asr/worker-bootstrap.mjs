// Entry file of the ASR worker thread. Node 20 cannot load TypeScript by
// itself, and a worker started with execArgv `--import tsx` failed on Node
// 20.20 with ERR_UNKNOWN_FILE_EXTENSION, so this file loads worker.ts
// through tsx's API. It works under `npx tsx` and under vitest alike.
import { tsImport } from 'tsx/esm/api';

await tsImport('./worker.ts', import.meta.url);
