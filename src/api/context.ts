/** What the routes need from the running service. */
import type { StageQueue } from '../jobs/queue.js';
import type { Database } from '../store/db.js';

/** Shared handles passed to every route plugin. */
export interface ApiContext {
  db: Database;
  queue: StageQueue;
  storageDir: string;
  maxUploadBytes: number;
  /** Only folder whose files batch manifests sent over HTTP may name. */
  importDir: string;
  /** What /readyz checks besides the database; without it the model check fails. */
  readiness?: { redisUrl?: string; modelsDir: string; asrModel: string };
}
