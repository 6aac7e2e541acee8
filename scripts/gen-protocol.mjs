#!/usr/bin/env node
// Generates src/protocol/generated/*.ts from Kafka's JSON message definitions: one interface per
// struct, and straight-line decode/encode functions that branch on the version number only where a
// field's presence, nullability, flexibility or tagging changes. Run with `npm run gen:protocol`.
// Reads the in-repo schema copy spec/kafka/message (refreshed by scripts/refresh-spec.mjs); KAFKA_MESSAGE_DIR
// overrides it, GEN_PROTOCOL_OUT the output folder.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const specDir = resolve(root, process.env.KAFKA_MESSAGE_DIR ?? 'spec/kafka/message');
const metadataDir = resolve(root, process.env.KAFKA_METADATA_DIR ?? 'spec/kafka/metadata');
const outDir = resolve(root, process.env.GEN_PROTOCOL_OUT ?? 'src/protocol/generated');

// --- spec loading ----------------------------------------------------------------------------------

/** Drops // comments (the files are JSON with comments), leaving string contents alone. */
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

/** "3+", "0-5", "7" or "none" -> { lo, hi } (hi may be Infinity) or null. */
function parseVersions(s) {
  if (s === undefined || s === null) return null;
  const t = String(s).trim();
  if (t === 'none' || t === '') return null;
  if (t.endsWith('+')) return { lo: Number(t.slice(0, -1)), hi: Number.POSITIVE_INFINITY };
  const [a, b] = t.split('-');
  return { lo: Number(a), hi: Number(b ?? a) };
}

const inRange = (range, v) => range !== null && v >= range.lo && v <= range.hi;

const NUMERIC = new Set(['int8', 'int16', 'uint16', 'int32', 'int64', 'float64']);
const SCALARS = new Set([...NUMERIC, 'bool', 'string', 'bytes', 'records', 'uuid']);

function parseType(t) {
  if (t.startsWith('[]')) return { kind: 'array', elem: parseType(t.slice(2)) };
  if (SCALARS.has(t)) return { kind: t };
  if (!/^[A-Z]\w*$/.test(t)) throw new Error(`unknown type ${t}`);
  return { kind: 'struct', name: t };
}

const tsString = (str) => `'${str.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

const lowerFirst = (s) => s[0].toLowerCase() + s.slice(1);

function kebab(name) {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
}

function loadMessage(file, dir = specDir) {
  const spec = JSON.parse(stripComments(readFileSync(join(dir, file), 'utf8')));
  const valid = parseVersions(spec.validVersions);
  if (valid === null || !Number.isFinite(valid.hi)) throw new Error(`${file}: bad validVersions`);
  const msg = {
    file,
    name: spec.name,
    type: spec.type,
    apiKey: spec.apiKey ?? null,
    valid,
    flexible: parseVersions(spec.flexibleVersions),
    listeners: spec.listeners ?? [],
    latestVersionUnstable: spec.latestVersionUnstable === true,
    structs: new Map(),
    root: null,
  };
  for (const cs of spec.commonStructs ?? []) defineStruct(msg, cs.name, cs.fields);
  msg.root = defineStruct(msg, null, spec.fields);
  computeRanges(msg);
  for (const s of msg.structs.values()) {
    for (const f of s.fields) {
      const base = f.type.kind === 'array' ? f.type.elem : f.type;
      if (base.kind === 'struct' && !msg.structs.has(base.name)) {
        throw new Error(`${file}: ${f.name} refers to undefined struct ${base.name}`);
      }
    }
  }
  return msg;
}

function defineStruct(msg, name, rawFields) {
  const key = name ?? '';
  if (msg.structs.has(key)) throw new Error(`${msg.file}: struct ${name} defined twice`);
  const struct = {
    name: key,
    tsName: name === null ? msg.name : msg.name + name,
    fields: [],
    needsIsDefault: false,
  };
  msg.structs.set(key, struct);
  struct.fields = rawFields.map((raw) => normalizeField(msg, raw));
  return struct;
}

function normalizeField(msg, raw) {
  const type = parseType(raw.type);
  const base = type.kind === 'array' ? type.elem : type;
  if (base.kind === 'array') throw new Error(`${msg.file}: nested arrays are not supported`);
  if (base.kind === 'struct' && raw.fields) defineStruct(msg, base.name, raw.fields);
  const field = {
    name: raw.name,
    camel: lowerFirst(raw.name),
    type,
    versions: parseVersions(raw.versions),
    nullable: parseVersions(raw.nullableVersions),
    tag: raw.tag === undefined ? null : Number(raw.tag),
    tagged: parseVersions(raw.taggedVersions),
    flexNone: raw.flexibleVersions === 'none',
    default: raw.default === undefined ? undefined : String(raw.default),
  };
  if (field.versions === null) throw new Error(`${msg.file}: ${raw.name} has no versions`);
  if (field.tag !== null && field.tagged === null)
    throw new Error(`${msg.file}: ${raw.name} tag without taggedVersions`);
  return field;
}

// --- per-version modes -----------------------------------------------------------------------------

/** How a field is encoded in version v, or null when absent. */
function modeAt(msg, f, v) {
  if (!inRange(f.versions, v)) return null;
  const nullable = inRange(f.nullable, v);
  const k = f.type.kind;
  // Only strings, bytes and arrays change encoding in flexible versions; only those and structs can be null.
  const flexMatters = k === 'string' || k === 'bytes' || k === 'records' || k === 'array';
  const nullMatters = flexMatters || k === 'struct';
  if (f.tag !== null && inRange(f.tagged, v)) {
    if (!inRange(msg.flexible, v)) throw new Error(`${msg.file}: ${f.name} tagged in non-flexible v${v}`);
    return { tagged: true, flex: flexMatters, nullable: nullMatters && nullable };
  }
  return {
    tagged: false,
    flex: flexMatters && inRange(msg.flexible, v) && !f.flexNone,
    nullable: nullMatters && nullable,
  };
}

/** Consecutive versions sharing one mode: [{ lo, hi, mode }]. Absent versions are dropped. */
function segments(sc, f) {
  const msg = sc.msg;
  const out = [];
  let key = '';
  for (let v = sc.lo; v <= sc.hi; v++) {
    const mode = modeAt(msg, f, v);
    const k = JSON.stringify(mode);
    const last = out[out.length - 1];
    if (last && k === key && last.hi === v - 1) last.hi = v;
    else if (mode !== null) out.push({ lo: v, hi: v, mode });
    key = k;
  }
  return out;
}

/** A JS condition on `v` selecting [lo, hi] within the versions a struct is used in ('' = always). */
function versionCond(sc, lo, hi) {
  const needLo = lo > sc.lo;
  const needHi = hi < sc.hi;
  if (needLo && needHi) return lo === hi ? `v === ${lo}` : `v >= ${lo} && v <= ${hi}`;
  if (needLo) return `v >= ${lo}`;
  if (needHi) return `v <= ${hi}`;
  return '';
}

function flexCond(sc) {
  const f = sc.msg.flexible;
  if (f === null || f.lo > sc.hi) return null;
  return versionCond(sc, Math.max(f.lo, sc.lo), sc.hi);
}

/** Versions in which each struct can be reached, so its code only tests versions that matter. */
function computeRanges(msg) {
  const visit = (s, lo, hi) => {
    if (s.range && s.range.lo <= lo && s.range.hi >= hi) return;
    s.range = s.range ? { lo: Math.min(lo, s.range.lo), hi: Math.max(hi, s.range.hi) } : { lo, hi };
    for (const f of s.fields) {
      const base = f.type.kind === 'array' ? f.type.elem : f.type;
      if (base.kind !== 'struct') continue;
      const flo = Math.max(s.range.lo, f.versions.lo);
      const fhi = Math.min(s.range.hi, f.versions.hi);
      if (flo <= fhi) visit(msg.structs.get(base.name), flo, fhi);
    }
  };
  visit(msg.root, msg.valid.lo, msg.valid.hi);
  for (const s of msg.structs.values()) s.range ??= { ...msg.valid };
}

const scopeOf = (msg, s) => ({ msg, lo: s.range.lo, hi: s.range.hi });

// --- types and defaults ----------------------------------------------------------------------------

function structOf(msg, t) {
  return msg.structs.get(t.name);
}

const isNullableType = (f) => f.nullable !== null || f.default === 'null';

function tsBase(msg, t) {
  switch (t.kind) {
    case 'bool':
      return 'boolean';
    case 'string':
    case 'uuid':
      return 'string';
    case 'bytes':
      return 'Buffer';
    case 'records':
      return 'Records';
    case 'array':
      return `${tsBase(msg, t.elem)}[]`;
    case 'struct':
      return structOf(msg, t).tsName;
    default:
      return 'number';
  }
}

function tsType(msg, f) {
  return tsBase(msg, f.type) + (isNullableType(f) ? ' | null' : '');
}

function defaultExpr(msg, f) {
  const d = f.default;
  const k = f.type.kind;
  if (d === 'null') {
    if (!isNullableType(f)) throw new Error(`${msg.file}: ${f.name} defaults to null but is never nullable`);
    return 'null';
  }
  switch (k) {
    case 'array':
      return '[]';
    case 'struct':
      return `create${structOf(msg, f.type).tsName}()`;
    case 'bool':
      return d === 'true' ? 'true' : 'false';
    case 'string':
      return tsString(d ?? '');
    case 'bytes':
      return 'EMPTY_BYTES';
    case 'records':
      return isNullableType(f) ? 'null' : 'EMPTY_BYTES';
    case 'uuid':
      if (d !== undefined && d !== '') throw new Error(`${msg.file}: uuid defaults are not supported`);
      return 'ZERO_UUID';
    default: {
      const n = d === undefined || d === '' ? 0 : Number(d);
      if (!Number.isFinite(n)) throw new Error(`${msg.file}: ${f.name} bad default ${d}`);
      return String(n);
    }
  }
}

/** Smallest encoding of one array element, so a claimed length can be checked before allocating. */
function minElementSize(t, flex) {
  switch (t.kind) {
    case 'bool':
    case 'int8':
      return 1;
    case 'int16':
    case 'uint16':
      return 2;
    case 'int32':
      return 4;
    case 'int64':
    case 'float64':
      return 8;
    case 'uuid':
      return 16;
    case 'string':
      return flex ? 1 : 2;
    case 'bytes':
      return flex ? 1 : 4;
    default:
      return 1;
  }
}

// --- decode ----------------------------------------------------------------------------------------

function readScalar(kind, flex, nullable) {
  switch (kind) {
    case 'string':
      return flex
        ? nullable
          ? 'r.compactNullableString()'
          : 'r.compactString()'
        : nullable
          ? 'r.nullableString()'
          : 'r.string()';
    case 'bytes':
    case 'records':
      return flex
        ? nullable
          ? 'r.compactNullableBytes()'
          : 'r.compactBytes()'
        : nullable
          ? 'r.nullableBytes()'
          : 'r.bytes()';
    default:
      return `r.${kind}()`;
  }
}

function readElement(msg, t, flex) {
  if (t.kind === 'struct') return `decode${structOf(msg, t).tsName}(r, v)`;
  return readScalar(t.kind, flex, false);
}

function readInto(msg, f, mode, target) {
  const t = f.type;
  if (t.kind === 'array') {
    const len = mode.flex ? 'r.compactArrayLength' : 'r.arrayLength';
    const min = minElementSize(t.elem, mode.flex);
    const lines = [`const _n = ${len}(${min}, ${mode.nullable});`];
    const fill = [
      `const _a: ${tsBase(msg, t.elem)}[] = [];`,
      'for (let _i = 0; _i < _n && r.error === null; _i++) {',
      ind(`_a.push(${readElement(msg, t.elem, mode.flex)});`),
      '}',
      `${target} = _a;`,
    ];
    if (mode.nullable) lines.push(`if (_n < 0) ${target} = null;`, 'else {', ...fill.map(ind), '}');
    else lines.push(...fill);
    return lines;
  }
  if (t.kind === 'struct') {
    const dec = `decode${structOf(msg, t).tsName}(r, v)`;
    return [mode.nullable ? `${target} = r.int8() < 0 ? null : ${dec};` : `${target} = ${dec};`];
  }
  return [`${target} = ${readScalar(t.kind, mode.flex, mode.nullable)};`];
}

const ind = (line) => (line === '' ? '' : `  ${line}`);

const LINE_WIDTH = 110;

/** `open a, b, c close` on one line when it fits (at `depth` indents), else one item per line. */
function wrapList(open, items, close, depth) {
  if (items.length === 0) return [`${open}${close.startsWith('}') ? close : ` ${close}`}`];
  const one = `${open} ${items.join(', ')} ${close}`;
  if (one.length + depth * 2 <= LINE_WIDTH) return [one];
  return [open, ...items.map((i) => ind(`${i},`)), close];
}

/** The version parameter, underscored when no statement reads it (a single-version struct), for noUnusedParameters. */
function versionParam(body) {
  return body.some((line) => /\bv\b/.test(line)) ? 'v: number' : '_v: number';
}

function signature(exported, name, params, ret) {
  const head = `${exported ? 'export ' : ''}function ${name}(`;
  const one = `${head}${params.join(', ')}): ${ret} {`;
  if (one.length <= LINE_WIDTH) return [one];
  return [head, ...params.map((p) => ind(`${p},`)), `): ${ret} {`];
}

/** if / else if chain over segments; `elseLines` fills the versions no segment covers. */
function chain(sc, segs, body, elseLines) {
  if (segs.length === 0) return elseLines ?? [];
  const conds = segs.map((seg) => versionCond(sc, seg.lo, seg.hi));
  if (segs.length === 1 && conds[0] === '') {
    const lines = body(segs[0]);
    // Statements declaring temporaries get their own block so they cannot clash with another field's.
    return lines.length > 1 ? ['{', ...lines.map(ind), '}'] : lines;
  }
  const total = coversRest(sc, segs);
  const out = [];
  segs.forEach((seg, i) => {
    const lines = body(seg).map(ind);
    if (i === 0) out.push(`if (${conds[0]}) {`, ...lines);
    else if (i === segs.length - 1 && total) out.push('} else {', ...lines);
    else out.push(`} else if (${conds[i]}) {`, ...lines);
  });
  if (elseLines !== null && !total) out.push('} else {', ...elseLines.map(ind));
  out.push('}');
  return out;
}

function coversRest(sc, segs) {
  let v = sc.lo;
  for (const s of segs) {
    if (s.lo !== v) return false;
    v = s.hi + 1;
  }
  return v > sc.hi;
}

function taggedFields(sc, s) {
  return s.fields.filter((f) => segments(sc, f).some((seg) => seg.mode.tagged)).sort((a, b) => a.tag - b.tag);
}

function emitDecode(msg, s, exported) {
  const fn = s === msg.root && msg.type === 'header' ? `decode${s.tsName}V` : `decode${s.tsName}`;
  const sc = scopeOf(msg, s);
  const body = [];
  for (const f of s.fields) {
    const segs = segments(sc, f);
    const regular = segs.filter((seg) => !seg.mode.tagged);
    const local = `_${f.camel}`;
    const hasTagged = regular.length !== segs.length;
    if (hasTagged || regular.length === 0) {
      body.push(`let ${local}: ${tsType(msg, f)} = ${defaultExpr(msg, f)};`);
      body.push(...chain(sc, regular, (seg) => readInto(msg, f, seg.mode, local), null));
    } else {
      const lines = chain(sc, regular, (seg) => readInto(msg, f, seg.mode, local), [
        `${local} = ${defaultExpr(msg, f)};`,
      ]);
      if (lines.length === 1) body.push(`const ${lines[0]}`);
      else body.push(`let ${local}: ${tsType(msg, f)};`, ...lines);
    }
  }
  const flex = flexCond(sc);
  if (flex !== null) {
    const tsc = { msg, lo: Math.max(sc.lo, msg.flexible.lo), hi: sc.hi };
    const tagged = taggedFields(sc, s);
    const section = [];
    if (tagged.length === 0) {
      section.push('r.skipTaggedFields();');
    } else {
      section.push('const _nt = r.taggedFieldCount();');
      section.push('for (let _t = 0; _t < _nt && r.error === null; _t++) {');
      const loop = [
        'const _tag = r.uvarint();',
        'const _end = r.beginTaggedField(r.uvarint());',
        'switch (_tag) {',
      ];
      const byTag = new Map();
      for (const f of tagged) byTag.set(f.tag, [...(byTag.get(f.tag) ?? []), f]);
      for (const [tag, fields] of byTag) {
        loop.push(ind(`case ${tag}: {`));
        for (const f of fields) {
          const segs = segments(sc, f).filter((seg) => seg.mode.tagged);
          const lines = [];
          for (const seg of segs) {
            const cond = versionCond(tsc, seg.lo, seg.hi);
            const read = readInto(msg, f, seg.mode, `_${f.camel}`);
            if (cond === '') lines.push(...read);
            else lines.push(`if (${cond}) {`, ...read.map(ind), '}');
          }
          loop.push(...lines.map((l) => ind(ind(l))));
        }
        loop.push(ind(ind('break;')), ind('}'));
      }
      loop.push('}', 'r.endTaggedField(_end);');
      section.push(...loop.map(ind), '}');
    }
    if (flex === '') body.push(...section);
    else body.push(`if (${flex}) {`, ...section.map(ind), '}');
  }
  const fields = s.fields.map((f) => `${f.camel}: _${f.camel}`);
  body.push(...wrapList('return {', fields, '};', 2));
  return [...signature(exported, fn, ['r: Reader', versionParam(body)], s.tsName), ...body.map(ind), '}'];
}

// --- encode ----------------------------------------------------------------------------------------

function writeScalar(kind, flex, nullable, expr, typeNullable) {
  switch (kind) {
    case 'string':
      if (nullable) return `w.${flex ? 'compactNullableString' : 'nullableString'}(${expr});`;
      return `w.${flex ? 'compactString' : 'string'}(${expr}${typeNullable ? " ?? ''" : ''});`;
    case 'bytes':
      if (nullable) return `w.${flex ? 'compactNullableBytes' : 'nullableBytes'}(${expr});`;
      return `w.${flex ? 'compactBytes' : 'bytes'}(${expr}${typeNullable ? ' ?? EMPTY_BYTES' : ''});`;
    case 'records':
      return `w.records(${expr}, ${flex}, ${nullable});`;
    default:
      return `w.${kind}(${expr});`;
  }
}

function writeElement(msg, t, flex, expr) {
  if (t.kind === 'struct') return `encode${structOf(msg, t).tsName}(w, ${expr}, v);`;
  return writeScalar(t.kind, flex, false, expr, false);
}

function writeValue(msg, f, mode, expr) {
  const t = f.type;
  const typeNullable = isNullableType(f);
  if (t.kind === 'array') {
    const lenFn = mode.flex ? 'compactArrayLength' : 'arrayLength';
    const loop = [
      `w.${lenFn}(_a.length);`,
      'for (const _e of _a) {',
      ind(writeElement(msg, t.elem, mode.flex, '_e')),
      '}',
    ];
    if (!typeNullable) return [`const _a = ${expr};`, ...loop];
    const onNull = mode.nullable ? `w.${lenFn}(-1);` : `w.${lenFn}(0);`;
    return [`const _a = ${expr};`, `if (_a === null) ${onNull}`, 'else {', ...loop.map(ind), '}'];
  }
  if (t.kind === 'struct') {
    const name = structOf(msg, t).tsName;
    if (!typeNullable) return [`encode${name}(w, ${expr}, v);`];
    if (!mode.nullable) return [`encode${name}(w, ${expr} ?? create${name}(), v);`];
    return [
      `if (${expr} === null) w.int8(-1);`,
      'else {',
      ind('w.int8(1);'),
      ind(`encode${name}(w, ${expr}, v);`),
      '}',
    ];
  }
  return [writeScalar(t.kind, mode.flex, mode.nullable, expr, typeNullable)];
}

/** Condition under which a tagged field differs from its default and so must be written. */
function notDefault(msg, f, expr) {
  const k = f.type.kind;
  const d = defaultExpr(msg, f);
  if (d === 'null') return `${expr} !== null`;
  const typeNullable = isNullableType(f);
  const orNull = (c) => (typeNullable ? `(${expr} === null || ${c})` : c);
  switch (k) {
    case 'array':
    case 'bytes':
    case 'records':
      return orNull(`${expr}.length > 0`);
    case 'struct': {
      const st = structOf(msg, f.type);
      markIsDefault(msg, st);
      return orNull(`!isDefault${st.tsName}(${expr})`);
    }
    default:
      return `${expr} !== ${d}`;
  }
}

function markIsDefault(msg, s) {
  if (s.needsIsDefault) return;
  s.needsIsDefault = true;
  for (const f of s.fields) if (f.type.kind === 'struct') markIsDefault(msg, structOf(msg, f.type));
}

function emitIsDefault(msg, s) {
  const conds = s.fields.map((f) => `!(${notDefault(msg, f, `m.${f.camel}`)})`);
  return [
    `function isDefault${s.tsName}(m: ${s.tsName}): boolean {`,
    ind(`return ${conds.length === 0 ? 'true' : conds.join(' && ')};`),
    '}',
  ];
}

function emitEncode(msg, s, exported) {
  const fn = s === msg.root && msg.type === 'header' ? `encode${s.tsName}V` : `encode${s.tsName}`;
  const sc = scopeOf(msg, s);
  const body = [];
  for (const f of s.fields) {
    const regular = segments(sc, f).filter((seg) => !seg.mode.tagged);
    body.push(...chain(sc, regular, (seg) => writeValue(msg, f, seg.mode, `m.${f.camel}`), null));
  }
  const flex = flexCond(sc);
  if (flex !== null) {
    const tsc = { msg, lo: Math.max(sc.lo, msg.flexible.lo), hi: sc.hi };
    const tagged = taggedFields(sc, s);
    const section = [];
    if (tagged.length === 0) {
      section.push('w.uvarint(0);');
    } else {
      section.push('let _nt = 0;');
      for (const f of tagged) {
        const segs = segments(sc, f).filter((seg) => seg.mode.tagged);
        const vc = segs.map((seg) => versionCond(tsc, seg.lo, seg.hi));
        const inVersion = vc.includes('')
          ? ''
          : vc.length === 1
            ? vc[0]
            : vc.map((c) => `(${c})`).join(' || ');
        const cond = notDefault(msg, f, `m.${f.camel}`);
        section.push(
          `const _t${f.camel} = ${inVersion === '' ? cond : `${vc.length === 1 ? inVersion : `(${inVersion})`} && ${cond}`};`,
        );
        section.push(`if (_t${f.camel}) _nt++;`);
      }
      section.push('w.uvarint(_nt);');
      for (const f of tagged) {
        const segs = segments(sc, f).filter((seg) => seg.mode.tagged);
        section.push(`if (_t${f.camel}) {`, ind(`const _mk = w.beginTaggedField(${f.tag});`));
        if (segs.length === 1) {
          section.push(...writeValue(msg, f, segs[0].mode, `m.${f.camel}`).map(ind));
        } else {
          section.push(
            ...chain(tsc, segs, (seg) => writeValue(msg, f, seg.mode, `m.${f.camel}`), null).map(ind),
          );
        }
        section.push(ind('w.endTaggedField(_mk);'), '}');
      }
    }
    if (flex === '') body.push(...section);
    else body.push(`if (${flex}) {`, ...section.map(ind), '}');
  }
  const message = body.some((line) => /\bm\./.test(line)) ? 'm' : '_m'; // an empty struct reads no field
  const params = ['w: Writer', `${message}: ${s.tsName}`, versionParam(body)];
  return [...signature(exported, fn, params, 'void'), ...body.map(ind), '}'];
}

// --- interfaces and factories ----------------------------------------------------------------------

function versionText(r) {
  if (r === null) return 'none';
  if (!Number.isFinite(r.hi)) return `${r.lo}+`;
  return r.lo === r.hi ? `${r.lo}` : `${r.lo}-${r.hi}`;
}

function emitInterface(msg, s) {
  const out = [`export interface ${s.tsName} {`];
  for (const f of s.fields) {
    const notes = [`v${versionText(f.versions)}`];
    if (f.nullable !== null) notes.push(`nullable v${versionText(f.nullable)}`);
    if (f.tag !== null) notes.push(`tag ${f.tag} v${versionText(f.tagged)}`);
    if (f.default !== undefined) notes.push(`default ${f.default}`);
    out.push(ind(`/** ${notes.join(', ')} */`), ind(`${f.camel}: ${tsType(msg, f)};`));
  }
  out.push('}');
  return out;
}

function emitCreate(msg, s) {
  const fields = s.fields.map((f) => `${f.camel}: ${defaultExpr(msg, f)}`);
  return [
    ...signature(true, `create${s.tsName}`, [`init?: Partial<${s.tsName}>`], s.tsName),
    ...wrapList('return {', [...fields, '...init'], '};', 2).map(ind),
    '}',
  ];
}

// --- files -----------------------------------------------------------------------------------------

const HEADER = (sources) =>
  `// Generated from ${sources.join(', ')} by scripts/gen-protocol.mjs.\n// Do not edit; run \`npm run gen:protocol\`.`;

function emitMessage(msg) {
  const lines = [];
  const summary = `${msg.name}: versions ${versionText(msg.valid)}, flexible ${versionText(msg.flexible)}`;
  lines.push(`// ${summary}${msg.apiKey !== null ? `, api key ${msg.apiKey}` : ''}.`);
  const structs = [...msg.structs.values()];
  const ordered = [msg.root, ...structs.filter((s) => s !== msg.root)];
  // Encoders run first so isDefault marks are known before emitting those helpers.
  const codecs = [];
  for (const s of ordered) {
    codecs.push('', ...emitDecode(msg, s, s === msg.root), '', ...emitEncode(msg, s, s === msg.root));
  }
  for (const s of ordered) lines.push('', ...emitInterface(msg, s));
  for (const s of ordered) lines.push('', ...emitCreate(msg, s));
  lines.push(...codecs);
  for (const s of ordered) if (s.needsIsDefault) lines.push('', ...emitIsDefault(msg, s));
  return lines;
}

function imports(body, up = '..') {
  const text = body.join('\n');
  const out = [];
  if (/\bBuffer\b/.test(text)) out.push("import type { Buffer } from 'node:buffer';");
  const values = ['EMPTY_BYTES', 'ZERO_UUID'].filter((n) => new RegExp(`\\b${n}\\b`).test(text));
  if (values.length > 0) out.push(`import { ${values.join(', ')} } from '${up}/reader.js';`);
  out.push(`import type { Reader } from '${up}/reader.js';`);
  out.push(`import type { ${/\bRecords\b/.test(text) ? 'Records, ' : ''}Writer } from '${up}/writer.js';`);
  return out;
}

function writeModule(name, sources, body, dir = outDir, up = '..') {
  const text = [HEADER(sources), ...imports(body, up), ...body, ''].join('\n');
  writeFileSync(join(dir, `${name}.ts`), text);
}

/** KRaft's metadata records: one module each under metadata/, and a codec table by record type. */
function emitMetadataRecords() {
  const files = readdirSync(metadataDir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const records = files.map((f) => loadMessage(f, metadataDir));
  const dir = join(outDir, 'metadata');
  mkdirSync(dir, { recursive: true });
  const exportLines = [];
  for (const rec of records) {
    if (rec.type !== 'metadata' || rec.apiKey === null) throw new Error(`${rec.file}: not a metadata record`);
    const mod = kebab(rec.name);
    writeModule(mod, [rec.file], ['', ...emitMessage(rec)], dir, '../..');
    exportLines.push(`export * from './${mod}.js';`);
  }
  records.sort((a, b) => a.apiKey - b.apiKey);
  const t = [HEADER(['metadata/*.json'])];
  t.push("import type { Reader } from '../../reader.js';", "import type { Writer } from '../../writer.js';");
  for (const rec of [...records].sort((a, b) => kebab(a.name).localeCompare(kebab(b.name)))) {
    t.push(
      ...wrapList(
        'import {',
        [`decode${rec.name}`, `encode${rec.name}`, `type ${rec.name}`],
        `} from './${kebab(rec.name)}.js';`,
        0,
      ),
    );
  }
  t.push('', '/** Metadata record types (the api key of each record schema) by name. */');
  t.push('export const MetadataRecordType = {');
  for (const rec of records) t.push(ind(`${rec.name}: ${rec.apiKey},`));
  t.push('} as const;', '');
  t.push(
    '/** Codec and version range of one metadata record type. */',
    'export interface MetadataRecordCodec<T = unknown> {',
    ind('readonly type: number;'),
    ind('readonly name: string;'),
    ind('readonly minVersion: number;'),
    ind('readonly maxVersion: number;'),
    ind('decode(r: Reader, version: number): T;'),
    ind('encode(w: Writer, msg: T, version: number): void;'),
    '}',
    '',
  );
  for (const rec of records) {
    t.push(`export const ${rec.name}Codec: MetadataRecordCodec<${rec.name}> = {`);
    t.push(
      ind(`type: ${rec.apiKey},`),
      ind(`name: '${rec.name}',`),
      ind(`minVersion: ${rec.valid.lo},`),
      ind(`maxVersion: ${rec.valid.hi},`),
      ind(`decode: decode${rec.name},`),
      ind(`encode: encode${rec.name},`),
      '};',
      '',
    );
  }
  t.push('/** Codecs indexed by record type; holes are undefined. */');
  t.push('export const METADATA_RECORD_CODECS: readonly (MetadataRecordCodec | undefined)[] = (() => {');
  t.push(ind('const table: (MetadataRecordCodec | undefined)[] = [];'));
  for (const rec of records) t.push(ind(`table[${rec.apiKey}] = ${rec.name}Codec as MetadataRecordCodec;`));
  t.push(ind('return table;'), '})();', '');
  writeFileSync(join(dir, 'record-types.ts'), t.join('\n'));
  exportLines.push("export * from './record-types.js';");
  writeFileSync(
    join(dir, 'index.ts'),
    [HEADER(['the metadata directory']), ...exportLines.sort(), ''].join('\n'),
  );
  return records.length;
}

function main() {
  const files = readdirSync(specDir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const messages = files.map((f) => loadMessage(f));
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });

  // Requests and responses share one module per API, named after it (fetch.ts, produce.ts, ...).
  const modules = new Map();
  for (const msg of messages) {
    const base =
      msg.type === 'request' || msg.type === 'response'
        ? msg.name.replace(/(Request|Response)$/, '')
        : msg.name;
    const mod = kebab(base);
    const entry = modules.get(mod) ?? { msgs: [], base };
    entry.msgs.push(msg);
    modules.set(mod, entry);
  }
  const exportLines = [];
  for (const [mod, { msgs }] of [...modules].sort((a, b) => a[0].localeCompare(b[0]))) {
    msgs.sort((a, b) => (a.type === 'request' ? -1 : b.type === 'request' ? 1 : 0));
    const body = [];
    for (const msg of msgs) body.push('', ...emitMessage(msg));
    writeModule(
      mod,
      msgs.map((m) => m.file),
      body,
    );
    exportLines.push(`export * from './${mod}.js';`);
  }

  // Api key table.
  const apis = new Map();
  for (const msg of messages) {
    if (msg.apiKey === null) continue;
    const e = apis.get(msg.apiKey) ?? {};
    e[msg.type] = msg;
    apis.set(msg.apiKey, e);
  }
  const keys = [...apis.keys()].sort((a, b) => a - b);
  const t = [];
  const importsByModule = new Map();
  for (const key of keys) {
    const { request, response } = apis.get(key);
    if (!request || !response) throw new Error(`api key ${key} lacks a request or a response`);
    if (versionText(request.valid) !== versionText(response.valid)) {
      throw new Error(`api key ${key}: request and response versions differ`);
    }
    const mod = kebab(request.name.replace(/Request$/, ''));
    importsByModule.set(mod, [
      `decode${request.name}`,
      `encode${request.name}`,
      `decode${response.name}`,
      `encode${response.name}`,
      `type ${request.name}`,
      `type ${response.name}`,
    ]);
  }
  t.push(HEADER(['*Request.json', '*Response.json']));
  t.push("import type { Reader } from '../reader.js';", "import type { Writer } from '../writer.js';");
  for (const [mod, names] of [...importsByModule].sort((a, b) => a[0].localeCompare(b[0]))) {
    t.push(...wrapList('import {', names, `} from './${mod}.js';`, 0));
  }
  t.push('');
  t.push('/** Api key numbers by name. */');
  t.push('export const ApiKey = {');
  for (const key of keys) t.push(ind(`${apis.get(key).request.name.replace(/Request$/, '')}: ${key},`));
  t.push('} as const;', '');
  t.push('export type ApiKeyName = keyof typeof ApiKey;', '');
  t.push(
    '/** Codec and version range of one api. Methods (not properties) so specific codecs fit ApiCodec<unknown>. */',
    'export interface ApiCodec<Req = unknown, Res = unknown> {',
    ind('readonly apiKey: number;'),
    ind('readonly name: string;'),
    ind('readonly minVersion: number;'),
    ind('readonly maxVersion: number;'),
    ind('/** First version using compact types and tagged fields, or -1 if none does. */'),
    ind('readonly flexibleMinVersion: number;'),
    ind('/** The newest version is still under development upstream and not advertised by default. */'),
    ind('readonly latestVersionUnstable: boolean;'),
    ind('/** Listener kinds that serve this api upstream (zkBroker, broker, controller). */'),
    ind('readonly listeners: readonly string[];'),
    ind('decodeRequest(r: Reader, version: number): Req;'),
    ind('encodeRequest(w: Writer, msg: Req, version: number): void;'),
    ind('decodeResponse(r: Reader, version: number): Res;'),
    ind('encodeResponse(w: Writer, msg: Res, version: number): void;'),
    '}',
    '',
  );
  for (const key of keys) {
    const { request, response } = apis.get(key);
    const base = request.name.replace(/Request$/, '');
    const flexMin = request.flexible === null ? -1 : request.flexible.lo;
    t.push(`export const ${base}Api: ApiCodec<${request.name}, ${response.name}> = {`);
    t.push(
      ind(`apiKey: ${key},`),
      ind(`name: '${base}',`),
      ind(`minVersion: ${request.valid.lo},`),
      ind(`maxVersion: ${request.valid.hi},`),
      ind(`flexibleMinVersion: ${flexMin},`),
      ind(`latestVersionUnstable: ${request.latestVersionUnstable},`),
      ind(`listeners: [${request.listeners.map((l) => `'${l}'`).join(', ')}],`),
      ind(`decodeRequest: decode${request.name},`),
      ind(`encodeRequest: encode${request.name},`),
      ind(`decodeResponse: decode${response.name},`),
      ind(`encodeResponse: encode${response.name},`),
      '};',
      '',
    );
  }
  t.push('');
  t.push('/** Codecs indexed by api key; holes are undefined. */');
  t.push('export const API_CODECS: readonly (ApiCodec | undefined)[] = (() => {');
  t.push(ind('const table: (ApiCodec | undefined)[] = [];'));
  for (const key of keys)
    t.push(ind(`table[${key}] = ${apis.get(key).request.name.replace(/Request$/, '')}Api;`));
  t.push(ind('return table;'), '})();', '');
  t.push('export function apiCodec(apiKey: number): ApiCodec | undefined {');
  t.push(ind('return apiKey >= 0 ? API_CODECS[apiKey] : undefined;'), '}', '');
  writeFileSync(join(outDir, 'api-keys.ts'), t.join('\n'));
  exportLines.push("export * from './api-keys.js';");

  writeFileSync(
    join(outDir, 'index.ts'),
    [HEADER(['the message directory']), ...exportLines.sort(), ''].join('\n'),
  );
  const records = emitMetadataRecords();
  console.log(
    `gen-protocol: ${messages.length} messages -> ${modules.size + 2} files, ${records} metadata records in ${outDir}`,
  );
}

main();
