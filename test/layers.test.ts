// Layers point one way: protocol < storage < cluster < broker. A module may import from its own layer or a
// lower one, never a higher one (cluster code never reaches into the broker). Read from the sources' own
// import statements, so a new file is covered as soon as it exists.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const SRC = resolve(import.meta.dirname, '../src');
const LAYERS = ['protocol', 'storage', 'cluster', 'broker'];

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sources(full));
    else if (name.endsWith('.ts')) out.push(full);
  }
  return out;
}

/** The layer index of a path under src/, or -1 for modules outside the four layers. */
function layerOf(path: string): number {
  return LAYERS.indexOf(relative(SRC, path).split('/')[0]!);
}

test('no module imports from a higher layer', () => {
  const wrong: string[] = [];
  let checked = 0;
  for (const layer of LAYERS) {
    for (const file of sources(join(SRC, layer))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]/g)) {
        checked++;
        const target = resolve(dirname(file), m[1]!);
        if (layerOf(target) > layerOf(file)) wrong.push(`${relative(SRC, file)} -> ${m[1]}`);
      }
    }
  }
  assert.ok(checked > 100, `only ${checked} imports found: the pattern no longer matches`);
  assert.equal(wrong, []);
});

test.run();
