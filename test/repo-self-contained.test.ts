// The repo stands on its own: the codecs are generated from the in-repo schema copy (spec/kafka), and the
// generator and the schema test run in a copy of the repo inside an empty directory, with nothing beside it.
// (.ci/run goes further and runs the whole suite in such a copy.)
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const root = new URL('..', import.meta.url).pathname;

/** This process's environment without the generator's overrides. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  if (extra.KAFKA_MESSAGE_DIR === undefined) delete env.KAFKA_MESSAGE_DIR;
  if (extra.GEN_PROTOCOL_OUT === undefined) delete env.GEN_PROTOCOL_OUT;
  return env;
}

/** Files a clean clone has: git's list when this is a checkout, else the tree minus build output. */
function trackedFiles(): string[] {
  const git = spawnSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' });
  if (git.status === 0 && git.stdout.length > 0) {
    return git.stdout.split('\0').filter((f) => f.length > 0 && existsSync(join(root, f)));
  }
  const out: string[] = [];
  const skip = new Set(['node_modules', 'dist', '.git', 'build']);
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (skip.has(name)) continue;
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(relative(root, full));
    }
  };
  walk(root);
  return out;
}

function listDir(dir: string): string[] {
  return readdirSync(dir).sort();
}

test('the generated codecs are exactly what spec/kafka gives', () => {
  const out = mkdtempSync(join(tmpdir(), 'runnel-gen-'));
  try {
    const r = spawnSync(process.execPath, ['scripts/gen-protocol.mjs'], {
      cwd: root,
      env: cleanEnv({ GEN_PROTOCOL_OUT: out }),
      encoding: 'utf8',
    });
    assert.is(r.status, 0, r.stderr);
    const committed = join(root, 'src/protocol/generated');
    const files = (dir: string): string[] =>
      listDir(dir).flatMap((name) =>
        statSync(join(dir, name)).isDirectory() ? files(join(dir, name)).map((f) => `${name}/${f}`) : [name],
      );
    assert.equal(files(out), files(committed));
    for (const name of files(out)) {
      assert.ok(
        readFileSync(join(out, name), 'utf8') === readFileSync(join(committed, name), 'utf8'),
        `${name} differs from its regeneration: run npm run gen:protocol`,
      );
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('the schema copy holds data only, no prose', () => {
  for (const set of ['message', 'metadata']) {
    const dir = join(root, 'spec/kafka', set);
    const files = listDir(dir).filter((f) => f.endsWith('.json'));
    assert.ok(files.length > (set === 'message' ? 180 : 20), `${files.length} files in ${set}`);
    for (const f of files) {
      const text = readFileSync(join(dir, f), 'utf8');
      const spec = JSON.parse(text) as { name?: string; validVersions?: string };
      assert.type(spec.name, 'string', f);
      assert.type(spec.validVersions, 'string', f);
      assert.not.ok(text.includes('"about"'), `${f} carries "about" prose`);
    }
  }
});

test('nothing in the repo reads outside it', () => {
  // Only the refresh script may name the reference folder beside the repo; it is a maintainer's tool.
  const allowed = new Set(['scripts/refresh-spec.mjs', 'test/repo-self-contained.test.ts']);
  const pattern = /\.\.\/shared\b|kafka-protocol\//;
  const offenders = trackedFiles().filter(
    (f) =>
      !allowed.has(f) &&
      /\.(ts|mjs|js|json|sh)$/.test(f) &&
      !f.startsWith('spec/') &&
      pattern.test(readFileSync(join(root, f), 'utf8')),
  );
  assert.equal(offenders, []);
});

test('generator and schema test run in a copy of the repo in an empty directory', () => {
  const empty = mkdtempSync(join(tmpdir(), 'runnel-alone-'));
  const copy = join(empty, 'deep', 'runnel');
  try {
    for (const f of trackedFiles()) {
      mkdirSync(dirname(join(copy, f)), { recursive: true });
      cpSync(join(root, f), join(copy, f));
    }
    // Installed packages and the build output are what `npm install` would make; link them in.
    symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
    symlinkSync(join(root, 'dist'), join(copy, 'dist'));
    const env = cleanEnv({ FORCE_COLOR: '0' });
    const gen = spawnSync(process.execPath, ['scripts/gen-protocol.mjs'], {
      cwd: copy,
      env,
      encoding: 'utf8',
    });
    assert.is(gen.status, 0, gen.stderr);
    const schema = spawnSync(process.execPath, ['--import', 'tsx', 'test/protocol-messages.test.ts'], {
      cwd: copy,
      env,
      encoding: 'utf8',
    });
    assert.is(schema.status, 0, schema.stdout + schema.stderr);
    assert.match(schema.stdout, /Passed:\s+\d+/);
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
});

test.run();
