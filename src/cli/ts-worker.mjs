// Starts a TypeScript worker thread under tsx: worker_threads do not inherit tsx's loader from the
// CLI's process (Node 20 reports "Unknown file extension .ts"), so the worker registers it itself,
// then imports its entry (workerData.entry, a file: URL).
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
