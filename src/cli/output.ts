// What the CLI prints: aligned tables for people, JSON for programs (--json), notes and progress on stderr
// so stdout stays parseable either way.

export type Cell = string | number | boolean | null | undefined;

/** Columns padded to their widest cell, two spaces apart; null and undefined print as '-'. */
export function table(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const text = rows.map((r) => headers.map((_, i) => cellText(r[i])));
  const widths = headers.map((h, i) => Math.max(h.length, ...text.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), ...text.map(line)].join('\n');
}

function cellText(c: Cell): string {
  if (c === null || c === undefined) return '-';
  return String(c);
}

/** A list of broker ids as Kafka's tools print them: 1,2,3. */
export const ids = (list: readonly number[]): string => list.join(',');

export class Output {
  constructor(readonly json: boolean) {}

  /** A line (or block) on stdout. */
  line(text: string): void {
    process.stdout.write(`${text}\n`);
  }

  /** One JSON document on stdout. */
  data(value: unknown): void {
    process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  /** Progress and notes for a person, on stderr (never in the way of --json). */
  note(text: string): void {
    process.stderr.write(`${text}\n`);
  }
}
