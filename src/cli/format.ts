// kcat-style output formats for `runnel consume -f`: %t topic, %p partition, %o offset, %T timestamp (ms),
// %k key, %v value, %h headers (name=value, comma-separated), %K key length, %S value length (-1 for
// null), %% a percent sign; \n \t \r \\ \0 escapes. The format is compiled once; each record becomes
// Buffers (keys and values are written as the raw bytes they are).
import { Buffer } from 'node:buffer';
import type { ConsumerRecord } from '../client/record-reader.js';
import { UsageError } from './args.js';

type Part = Buffer | ((r: ConsumerRecord) => Buffer | string);

const TOKENS: Readonly<Record<string, (r: ConsumerRecord) => Buffer | string>> = {
  t: (r) => r.topic,
  p: (r) => String(r.partition),
  o: (r) => String(r.offset),
  T: (r) => String(r.timestamp),
  k: (r) => r.key ?? '',
  v: (r) => r.value ?? '',
  K: (r) => String(r.key === null ? -1 : r.key.length),
  S: (r) => String(r.value === null ? -1 : r.value.length),
  h: (r) => r.headers.map((h) => `${h.key}=${h.value === null ? '' : h.value.toString('utf8')}`).join(','),
};

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '0': '\0' };

/** Resolves \n, \t, \r, \\ and \0 (for delimiters given on the command line). */
export function unescapeArg(text: string, what: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = ESCAPES[text[++i] ?? ''];
    if (e === undefined) throw new UsageError(`${what}: unknown escape \\${text[i] ?? ''}`);
    out += e;
  }
  return out;
}

export type RecordFormatter = (r: ConsumerRecord, out: (Buffer | string)[]) => void;

export function compileFormat(format: string): RecordFormatter {
  const parts: Part[] = [];
  let literal = '';
  const text = unescapeArg(format, '--format');
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c !== '%') {
      literal += c;
      continue;
    }
    const t = text[++i];
    if (t === '%') {
      literal += '%';
      continue;
    }
    const fn = t === undefined ? undefined : TOKENS[t];
    if (fn === undefined)
      throw new UsageError(`--format: unknown token %${t ?? ''} (known: %t %p %o %T %k %v %h %K %S %%)`);
    if (literal !== '') parts.push(Buffer.from(literal));
    literal = '';
    parts.push(fn);
  }
  if (literal !== '') parts.push(Buffer.from(literal));
  return (r, out) => {
    for (const p of parts) out.push(typeof p === 'function' ? p(r) : p);
  };
}

/** A record as one line of JSON; keys, values and header values as UTF-8 text (null stays null). */
export function recordJson(r: ConsumerRecord): string {
  return JSON.stringify({
    topic: r.topic,
    partition: r.partition,
    offset: r.offset,
    timestamp: r.timestamp,
    key: r.key === null ? null : r.key.toString('utf8'),
    value: r.value === null ? null : r.value.toString('utf8'),
    headers: r.headers.map((h) => ({
      key: h.key,
      value: h.value === null ? null : h.value.toString('utf8'),
    })),
  });
}
