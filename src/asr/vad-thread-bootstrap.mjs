// Entry file of a VAD helper thread. Like worker-bootstrap.mjs, it loads the
// TypeScript module through tsx's API, because Node 20 cannot load it itself.
import { tsImport } from 'tsx/esm/api';

await tsImport('./vad-thread.ts', import.meta.url);
