#!/usr/bin/env node
// Refreshes spec/kafka/ (the schema data the build and the tests read) from a Kafka protocol reference
// folder: message/*.json (requests, responses, headers) and metadata/*.json (KRaft's metadata records).
// Only data is kept: names, types, versions, defaults, tags and the other schema keys; "about" texts and
// comments are dropped. The repo never reads the reference folder at build or test time.
//
// spec/kafka/ahead.json lists files kept by hand ahead of the reference (a version Runnel serves that the
// folder lacks, or an API it lacks): a refresh leaves them as they are unless the folder's copy reaches their
// version, and says so.
//
//   npm run spec:refresh                      reads ../shared/kafka-protocol (or KAFKA_PROTOCOL_DIR)
//   npm run spec:refresh -- --check           exits 1 if spec/kafka differs from what the folder gives
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const sourceDir = resolve(root, process.env.KAFKA_PROTOCOL_DIR ?? '../shared/kafka-protocol');
const outDir = join(root, 'spec/kafka');
const SETS = ['message', 'metadata'];
/** Keys holding prose, not schema. */
const PROSE = new Set(['about']);
const AHEAD_FILE = join(outDir, 'ahead.json');

/** Files kept ahead of the reference folder, as set/name. */
function aheadFiles() {
  return existsSync(AHEAD_FILE) ? new Set(JSON.parse(readFileSync(AHEAD_FILE, 'utf8'))) : new Set();
}

/** The highest version in a schema's validVersions ("0-3", "2", "0+"). */
function maxVersion(text) {
  const m = /"validVersions": "(\d+)(?:-(\d+))?/.exec(text);
  return m === null ? -1 : Number(m[2] ?? m[1]);
}

/** Drops // comments (Kafka's files are JSON with comments), leaving string contents alone. */
function stripComments(text) {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i];
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else {
      out += c;
    }
  }
  return out;
}

function dropProse(value) {
  if (Array.isArray(value)) return value.map(dropProse);
  if (value === null || typeof value !== 'object') return value;
  const out = {};
  for (const [k, v] of Object.entries(value)) if (!PROSE.has(k)) out[k] = dropProse(v);
  return out;
}

/** One line per object unless it holds an array of objects (fields, structs), which nests one per line. */
function format(value, indent = '') {
  if (Array.isArray(value)) {
    if (!value.some((v) => v !== null && typeof v === 'object' && !Array.isArray(v))) {
      return JSON.stringify(value);
    }
    const inner = `${indent}  `;
    return `[\n${value.map((v) => inner + format(v, inner)).join(',\n')}\n${indent}]`;
  }
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const entries = Object.entries(value);
  const nests = entries.some(([, v]) => Array.isArray(v) && v.some((e) => typeof e === 'object'));
  if (!nests) return `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${format(v)}`).join(', ')} }`;
  const inner = `${indent}  `;
  const lines = entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${format(v, inner)}`);
  return `{\n${lines.join(',\n')}\n${indent}}`;
}

function build() {
  const files = new Map();
  const ahead = aheadFiles();
  for (const set of SETS) {
    const dir = join(sourceDir, set);
    if (!existsSync(dir)) throw new Error(`${dir} does not exist (set KAFKA_PROTOCOL_DIR)`);
    for (const name of readdirSync(dir).sort()) {
      if (!name.endsWith('.json')) continue;
      const spec = JSON.parse(stripComments(readFileSync(join(dir, name), 'utf8')));
      const rel = `${set}/${name}`;
      const text = `${format(dropProse(spec))}\n`;
      const kept = join(outDir, rel);
      if (ahead.has(rel) && existsSync(kept)) {
        const ours = readFileSync(kept, 'utf8');
        if (maxVersion(text) < maxVersion(ours)) {
          files.set(rel, ours);
          continue;
        }
        console.warn(`${rel}: the reference now reaches v${maxVersion(ours)}; drop it from ahead.json`);
      }
      files.set(rel, text);
    }
  }
  // Kept by hand for an API the folder does not have at all yet (GetReplicaLogInfo, KIP-966).
  for (const rel of ahead) {
    const kept = join(outDir, rel);
    if (!files.has(rel) && existsSync(kept)) files.set(rel, readFileSync(kept, 'utf8'));
  }
  return files;
}

function main() {
  const check = process.argv.includes('--check');
  const files = build();
  if (check) {
    const stale = [];
    for (const [rel, text] of files) {
      const path = join(outDir, rel);
      if (!existsSync(path) || readFileSync(path, 'utf8') !== text) stale.push(rel);
    }
    for (const set of SETS) {
      const dir = join(outDir, set);
      if (!existsSync(dir)) continue;
      for (const name of readdirSync(dir)) if (!files.has(`${set}/${name}`)) stale.push(`${set}/${name}`);
    }
    if (stale.length > 0) {
      console.error(`spec/kafka is stale in ${stale.length} files, e.g. ${stale.slice(0, 5).join(', ')}`);
      process.exit(1);
    }
    console.log(`spec/kafka matches ${sourceDir} (${files.size} files)`);
    return;
  }
  for (const set of SETS) {
    rmSync(join(outDir, set), { recursive: true, force: true });
    mkdirSync(join(outDir, set), { recursive: true });
  }
  for (const [rel, text] of files) writeFileSync(join(outDir, rel), text);
  console.log(`wrote ${files.size} schema files to spec/kafka from ${sourceDir}`);
}

main();
