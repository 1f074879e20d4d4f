// Entry file of the analysis worker thread. Node 20 cannot load TypeScript
// by itself, so this file loads analysis-worker.ts through tsx's API, as the
// ASR worker does.
import { tsImport } from 'tsx/esm/api';

await tsImport('./analysis-worker.ts', import.meta.url);
