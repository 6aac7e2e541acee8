// Child process for the crash test: appends tagged batches in a loop and prints "tag base last" once
// each append has completed (and, with flush=always, is durable). The parent kills it with SIGKILL.
import { PartitionLog } from '../../dist/storage/log.js';
import { makeBatch, TP } from './storage-util.js';

const [dataDir, flush = 'never', maxAppends = '100000'] = process.argv.slice(2);
if (dataDir === undefined) throw new Error('usage: storage-appender <dataDir> [flush] [maxAppends]');
const log = PartitionLog.open(dataDir, TP, {
  segmentBytes: 256 * 1024,
  indexIntervalBytes: 1024,
  flush: flush === 'always' ? 'always' : 'never',
  retentionMs: -1,
});
process.stdout.write(`ready ${log.logEndOffset}\n`);

let tag = 0;
async function loop(): Promise<void> {
  while (tag < Number(maxAppends)) {
    const t = tag++;
    const batch = makeBatch(t, { count: 1 + (t % 5), valueBytes: 200 + ((t * 7919) % 6000) });
    const r = log.append(batch, 0);
    await log.waitDurable(r.lastOffset);
    // Pipes are synchronous on Linux, so this line is out before the next append starts.
    process.stdout.write(`${t} ${r.baseOffset} ${r.lastOffset}\n`);
  }
}
await loop();
log.close();
