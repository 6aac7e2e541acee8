#!/usr/bin/env node
// Rewrites the README's CLI flag table from src/config.ts (via dist/config.js: run `npm run build:ts` first,
// as `npm run gen:readme` does). test/config.test.ts fails while the two differ.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FLAG_TABLE_BEGIN, FLAG_TABLE_END, flagTable } from '../dist/config.js';

const readme = fileURLToPath(new URL('../README.md', import.meta.url));
const text = readFileSync(readme, 'utf8');
const begin = text.indexOf(FLAG_TABLE_BEGIN);
const end = text.indexOf(FLAG_TABLE_END);
if (begin < 0 || end < begin) {
  console.error(`gen-readme-flags: README.md lacks the ${FLAG_TABLE_BEGIN} ... ${FLAG_TABLE_END} markers`);
  process.exit(1);
}
const next = `${text.slice(0, begin + FLAG_TABLE_BEGIN.length)}\n${flagTable()}\n${text.slice(end)}`;
if (next !== text) writeFileSync(readme, next);
console.log(next === text ? 'README flag table up to date' : 'README flag table rewritten');
