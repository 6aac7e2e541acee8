// Presentation for `npm run bench`: the table (aligned text for the terminal, Markdown for the docs),
// two SVG charts drawn by hand (horizontal bars on a log scale, no dependency) and the generated
// section of docs/PERFORMANCE.md between its markers.
import { readFileSync, writeFileSync } from 'node:fs';

export interface Row {
  section: string;
  label: string;
  /** What was measured, already formatted (e.g. "412,000 rec/s, 41.2 MB/s"). */
  result: string;
  /** Latency percentiles where the case has them, formatted. */
  latency: string;
  /** The baseline this row is read against, with its value. */
  baseline: string;
  /** result / baseline for the figure named in `ratioOf`; null when there is no baseline. */
  ratio: number | null;
  ratioOf?: string;
}

const fmtRatio = (r: number | null, of?: string) =>
  r === null
    ? ''
    : `${r >= 10 ? r.toFixed(1) : r >= 0.1 ? r.toFixed(2) : r.toFixed(3)}${of ? ` (${of})` : ''}`;

const HEAD = ['measurement', 'result', 'latency', 'baseline', 'result / baseline'];

function cells(r: Row): string[] {
  return [r.label, r.result, r.latency, r.baseline, fmtRatio(r.ratio, r.ratioOf)];
}

export function textTable(rows: Row[]): string {
  const all = [HEAD, ...rows.map(cells)];
  const widths = HEAD.map((_, i) => Math.max(...all.map((c) => c[i]!.length)));
  const line = (c: string[]) =>
    c
      .map((s, i) => s.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  const out: string[] = [];
  let section = '';
  out.push(line(HEAD));
  for (const r of rows) {
    if (r.section !== section) {
      section = r.section;
      out.push('', `-- ${section}`);
    }
    out.push(line(cells(r)));
  }
  return out.join('\n');
}

export function markdownTable(rows: Row[]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const out = [`| ${HEAD.join(' | ')} |`, `| ${HEAD.map(() => '---').join(' | ')} |`];
  let section = '';
  for (const r of rows) {
    if (r.section !== section) {
      section = r.section;
      out.push(`| **${esc(section)}** | | | | |`);
    }
    out.push(`| ${cells(r).map(esc).join(' | ')} |`);
  }
  return out.join('\n');
}

// ---- SVG ----

export interface Bar {
  label: string;
  value: number;
  /** Text after the bar; defaults to the value. */
  text?: string;
  color: string;
}

export interface BarGroup {
  label: string;
  bars: Bar[];
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Horizontal grouped bars on a log10 axis: throughput and latency both span three or more decades here
 * (a TCP ceiling in GB/s next to a client in MB/s), which a linear axis would flatten to nothing.
 */
export function barChart(opts: {
  title: string;
  unit: string;
  groups: BarGroup[];
  legend: { label: string; color: string }[];
  note?: string;
}): string {
  const values = opts.groups.flatMap((g) => g.bars.map((b) => b.value)).filter((v) => v > 0);
  if (values.length === 0) values.push(1);
  const lo = 10 ** Math.floor(Math.log10(Math.min(...values)));
  const hi = 10 ** Math.ceil(Math.log10(Math.max(...values)));
  const labelW = 300;
  const plotW = 520;
  const textW = 170;
  const barH = 14;
  const gap = 10;
  const top = 56;
  const width = labelW + plotW + textW;
  const x = (v: number) => labelW + (plotW * Math.log10(Math.max(v, lo) / lo)) / Math.log10(hi / lo);
  const parts: string[] = [];
  let y = top;
  for (const g of opts.groups) {
    const h = g.bars.length * barH;
    parts.push(
      `<text x="${labelW - 8}" y="${y + h / 2 + 4}" text-anchor="end" font-size="12">${xml(g.label)}</text>`,
    );
    for (const b of g.bars) {
      const w = Math.max(1, x(b.value) - labelW);
      parts.push(
        `<rect x="${labelW}" y="${y + 1}" width="${w.toFixed(1)}" height="${barH - 2}" fill="${b.color}"><title>${xml(`${g.label} ${b.label}: ${b.text ?? b.value}`)}</title></rect>`,
        `<text x="${(labelW + w + 4).toFixed(1)}" y="${y + barH - 3}" font-size="10" fill="#333">${xml(b.text ?? String(b.value))}</text>`,
      );
      y += barH;
    }
    y += gap;
  }
  const bottom = y;
  const axis: string[] = [];
  for (let v = lo; v <= hi * 1.0001; v *= 10) {
    const xv = x(v).toFixed(1);
    axis.push(
      `<line x1="${xv}" y1="${top - 6}" x2="${xv}" y2="${bottom}" stroke="#ddd"/>`,
      `<text x="${xv}" y="${bottom + 14}" text-anchor="middle" font-size="10" fill="#555">${v >= 1 ? v.toLocaleString('en-US') : v}</text>`,
    );
  }
  const legend = opts.legend
    .map(
      (l, i) =>
        `<rect x="${labelW + i * 130}" y="30" width="10" height="10" fill="${l.color}"/><text x="${labelW + i * 130 + 14}" y="39" font-size="11">${xml(l.label)}</text>`,
    )
    .join('');
  const height = bottom + (opts.note ? 44 : 28);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">`,
    `<title>${xml(opts.title)}</title>`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="10" y="20" font-size="14" font-weight="bold">${xml(opts.title)}</text>`,
    legend,
    ...axis,
    ...parts,
    `<text x="${labelW + plotW / 2}" y="${bottom + 28}" text-anchor="middle" font-size="11" fill="#555">${xml(opts.unit)} (log scale)</text>`,
    opts.note ? `<text x="10" y="${bottom + 42}" font-size="10" fill="#777">${xml(opts.note)}</text>` : '',
    '</svg>',
    '',
  ].join('\n');
}

// ---- docs/PERFORMANCE.md ----

export const START = '<!-- bench:start -->';
export const END = '<!-- bench:end -->';

/** Replaces what lies between the markers (appending them at the end if missing); nothing else changes. */
export function writeSection(path: string, body: string): void {
  const doc = readFileSync(path, 'utf8');
  const s = doc.indexOf(START);
  const e = doc.indexOf(END);
  const section = `${START}\n${body.trim()}\n${END}`;
  const next =
    s >= 0 && e > s
      ? doc.slice(0, s) + section + doc.slice(e + END.length)
      : `${doc.replace(/\n*$/, '\n')}\n${section}\n`;
  writeFileSync(path, next);
}
