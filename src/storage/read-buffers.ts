// Buffers for log reads (Fetch) of 64 KiB to 8 MiB, at most 64 MiB idle. The connection gives a buffer back
// once the response holding it is written. Main thread only: a worker's reads are transferred to the main
// thread and never come back, so workers allocate as before.
import { isMainThread } from 'node:worker_threads';
import { BufferPool } from '../buffer-pool.js';

export const readBuffers = new BufferPool(16, 23, 64 * 1024 * 1024, isMainThread);
