// Entry file of the model load check process. It loads model-check-child.ts
// through tsx's API for the same reason as worker-bootstrap.mjs.
import { tsImport } from 'tsx/esm/api';

await tsImport('./model-check-child.ts', import.meta.url);
