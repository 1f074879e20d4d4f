/** What the routes need from the running service. */
import type { StageQueue } from '../jobs/queue.js';
import type { Database } from '../store/db.js';

/** Shared handles passed to every route plugin. */
export interface ApiContext {
  db: Database;
  queue: StageQueue;
  storageDir: string;
  maxUploadBytes: number;
}
