// Clean shutdown detection (KIP-966, stricter): what previous broker epoch a data dir registers with after a
// clean stop, a crash in the same boot, a crash across a machine restart, with no boot id, with a damaged
// state file, and when the state cannot be written (a real full tmpfs): never "clean" by mistake.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SHUTDOWN_STATE_FILE, ShutdownState } from '../dist/cluster/shutdown-state.js';
import { mountTmpfs } from './helpers/disk-full.js';

function dirs() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runnel-shutdown-'));
  const bootId = path.join(dir, 'boot_id');
  fs.writeFileSync(bootId, 'boot-1\n');
  return { dir, bootId, reboot: (id: string) => fs.writeFileSync(bootId, `${id}\n`) };
}

test('the first start has no previous epoch; a clean stop gives the next start its epoch', () => {
  const { dir, bootId, reboot } = dirs();
  const first = new ShutdownState(dir, bootId);
  assert.is(first.previousBrokerEpoch, -1);
  first.registered(42);
  first.stoppedCleanly(42);
  reboot('boot-2'); // even across a machine restart: the logs were flushed
  const second = new ShutdownState(dir, bootId);
  assert.is(second.previousBrokerEpoch, 42);
  // The second run crashes before it registers, and the machine restarts: unclean from now on.
  reboot('boot-3');
  assert.is(new ShutdownState(dir, bootId).previousBrokerEpoch, -1);
});

test('a crash in the same boot keeps the epoch (the page cache survived); across a restart it does not', () => {
  const { dir, bootId, reboot } = dirs();
  new ShutdownState(dir, bootId).registered(7);
  // SIGKILL: nothing more is written.
  const again = new ShutdownState(dir, bootId);
  assert.is(again.previousBrokerEpoch, 7);
  assert.match(again.reason, /did not restart/);
  again.registered(9);
  reboot('boot-2');
  const afterPower = new ShutdownState(dir, bootId);
  assert.is(afterPower.previousBrokerEpoch, -1);
  assert.match(afterPower.reason, /restarted since/);
  // Still unclean on a later crash in this boot, until it registers again.
  assert.is(new ShutdownState(dir, bootId).previousBrokerEpoch, -1);
});

test('without a boot id every crash counts as a possible power loss; a clean stop still counts', () => {
  const { dir } = dirs();
  new ShutdownState(dir, null).registered(5);
  assert.is(new ShutdownState(dir, null).previousBrokerEpoch, -1);
  const s = new ShutdownState(dir, path.join(dir, 'no-such-file'));
  s.registered(6);
  s.stoppedCleanly(6);
  assert.is(new ShutdownState(dir, null).previousBrokerEpoch, 6);
});

test('a damaged or foreign state file reads as unclean', () => {
  const { dir, bootId } = dirs();
  const file = path.join(dir, SHUTDOWN_STATE_FILE);
  for (const text of [
    '',
    '{',
    '{"version":1,"brokerEpoch":"x","clean":true}',
    '{"version":2,"brokerEpoch":3,"clean":true}',
    'x'.repeat(10_000),
  ]) {
    fs.writeFileSync(file, text);
    assert.is(new ShutdownState(dir, bootId).previousBrokerEpoch, -1, JSON.stringify(text.slice(0, 40)));
  }
});

test('on a full disk the state file is removed rather than left saying clean', () => {
  const fsys = mountTmpfs(64 * 1024);
  if (typeof fsys === 'string') {
    console.log(`skipped: ${fsys}`);
    return;
  }
  try {
    const { bootId } = dirs();
    const s = new ShutdownState(fsys.dir, bootId);
    s.registered(3);
    s.stoppedCleanly(3);
    // Fill the disk to the last byte.
    const filler = path.join(fsys.dir, 'filler');
    const fd = fs.openSync(filler, 'w');
    try {
      const chunk = Buffer.alloc(4096, 1);
      for (;;) fs.writeSync(fd, chunk);
    } catch {
      // ENOSPC
    } finally {
      fs.closeSync(fd);
    }
    const next = new ShutdownState(fsys.dir, bootId);
    assert.is(next.previousBrokerEpoch, 3, 'read before the failed write');
    assert.not.ok(
      fs.existsSync(path.join(fsys.dir, SHUTDOWN_STATE_FILE)),
      'a clean mark that could not be replaced is gone',
    );
    fs.rmSync(filler);
    assert.is(new ShutdownState(fsys.dir, bootId).previousBrokerEpoch, -1);
  } finally {
    fsys.unmount();
  }
});

test.run();
