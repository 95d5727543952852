// Builds Plugboard's own Component Model spec cases: reads the hand-written WAST scripts in
// component-model/src/test/resources/spec-cases/wast/, encodes every component with
// wasm-tools' text parser (through jco), and writes cases.jsonl + wasm/ beside them in the
// same shape as the cm-wast conformance data, so one runner serves both.
//
// With --oracle, also asks wasm-tools' validator (through `jco transpile`) about every
// component and prints where it disagrees with what the script expects (jco lacks a few
// features, so a disagreement is a hint to look, not a verdict).
//
//   node tools/spec-cases.mjs [--oracle]       (needs jco: .ci/run installs it)
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { fork } from 'node:child_process';

const jcoDir = process.env.JCO_DIR ?? path.join(os.homedir(), '.cache/plugboard-interop/node_modules/@bytecodealliance/jco');
const { parse, transpile } = await import(path.join(jcoDir, 'dist/api.js'));
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..',
  'component-model/src/test/resources/spec-cases');
const oracle = process.argv.includes('--oracle');

/** Splits WAST text into top-level s-expressions, with their 1-based start lines. */
function topLevel(text) {
  const forms = [];
  let depth = 0, start = -1, line = 1, startLine = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    if (c === ';' && text[i + 1] === ';') { while (i < text.length && text[i] !== '\n') i++; line++; continue; }
    if (c === '(' && text[i + 1] === ';') { const end = text.indexOf(';)', i); line += text.slice(i, end).split('\n').length - 1; i = end + 1; continue; }
    if (c === '"') { i++; while (text[i] !== '"') { if (text[i] === '\\') i++; i++; } continue; }
    if (c === '(') { if (depth === 0) { start = i; startLine = line; } depth++; }
    if (c === ')') { depth--; if (depth === 0) forms.push({ text: text.slice(start, i + 1), line: startLine }); }
  }
  return forms;
}

/** A tiny s-expression reader for the value forms of assert_return/assert_trap. */
function sexpr(text) {
  let i = 0;
  function skip() { while (i < text.length && /\s/.test(text[i])) i++; }
  function read() {
    skip();
    if (text[i] === '(') {
      i++; const list = [];
      for (;;) { skip(); if (text[i] === ')') { i++; return list; } list.push(read()); }
    }
    if (text[i] === '"') {
      let s = ''; i++;
      while (text[i] !== '"') {
        if (text[i] === '\\') {
          i++;
          const e = text[i];
          if (e === 'n') s += '\n'; else if (e === 't') s += '\t'; else if (e === 'u') {
            const close = text.indexOf('}', i); s += String.fromCodePoint(parseInt(text.slice(i + 2, close), 16)); i = close;
          } else s += e;
          i++;
        } else s += text[i++];
      }
      i++;
      return { str: s };
    }
    const m = /^[^\s()]+/.exec(text.slice(i)); i += m[0].length; return m[0];
  }
  return read();
}

const WAVE_KEYWORDS = new Set(['true', 'false', 'some', 'none', 'ok', 'err', 'inf', 'nan']);
const label = (l) => (WAVE_KEYWORDS.has(l) ? '%' + l : l);
const quote = (s, q) => q + [...s].map((c) => (c === q || c === '\\' ? '\\' + c : c === '\n' ? '\\n' : c)).join('') + q;

/** One WAST value form as WAVE text. */
function wave(v) {
  const [head, ...rest] = v;
  const ints = ['u8', 'u16', 'u32', 'u64', 's8', 's16', 's32', 's64'];
  const op = head.split('.')[0];
  if (ints.includes(op)) return BigInt(rest[0].replaceAll('_', '')).toString();
  if (op === 'f32' || op === 'f64') return rest[0];
  if (op === 'bool') return rest[0];
  if (op === 'char') return quote(rest[0].str, "'");
  if (op === 'str') return quote(rest[0].str, '"');
  if (head === 'list.const') return '[' + rest.map(wave).join(', ') + ']';
  if (head === 'tuple.const') return '(' + rest.map(wave).join(', ') + ')';
  if (head === 'record.const') return '{' + rest.map(([, name, ...val]) => label(name.str) + ': ' + wave(val.length === 1 ? val[0] : val)).join(', ') + '}';
  if (head === 'variant.const') return label(rest[0].str) + (rest[1] ? '(' + wave(rest[1]) + ')' : '');
  if (head === 'enum.const') return label(rest[0].str);
  if (head === 'flags.const') return '{' + rest.map((f) => label(f.str)).join(', ') + '}';
  if (head === 'option.some') return 'some(' + wave(rest[0]) + ')';
  if (head === 'option.none') return 'none';
  if (head === 'result.ok' || head === 'result.err') return head.slice(7) + (rest[0] ? '(' + wave(rest[0]) + ')' : '');
  throw new Error('unsupported value form ' + head);
}

async function encode(text) {
  return Buffer.from(await parse(text));
}

// A trap inside jco (a panic after validation passed, in its WIT decoding) poisons its instance,
// so verdicts are asked of a child process (`--serve`), replaced after each trap.
async function transpileVerdict(bytes) {
  try {
    await transpile(bytes, { name: 'x', noTypescript: true, quiet: true });
    return 'ok';
  } catch (e) {
    const message = String(e.message ?? e).split('\n').filter((l) => l.trim()).slice(-1)[0].trim();
    return message.startsWith('wasm trap') ? 'ok (jco trapped after validating: ' + message + ')' : message;
  }
}
if (process.argv.includes('--serve')) {
  process.on('message', async (bytes) => {
    const verdict = await transpileVerdict(Buffer.from(bytes, 'base64'));
    process.send(verdict, () => { if (verdict.startsWith('ok (jco trapped')) process.exit(0); });
  });
}
let server = null;
function validByReference(bytes) {
  server ??= fork(new URL(import.meta.url).pathname, ['--serve'], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
  const child = server;
  return new Promise((resolve) => {
    child.once('message', (verdict) => {
      if (verdict.startsWith('ok (jco trapped')) server = null;
      resolve(verdict);
    });
    child.send(Buffer.from(bytes).toString('base64'));
  });
}

if (!process.argv.includes('--serve')) await main();

async function main() {
const lines = [];
let disagreements = 0;
fs.rmSync(path.join(root, 'wasm'), { recursive: true, force: true });
for (const file of fs.readdirSync(path.join(root, 'wast')).filter((f) => f.endsWith('.wast')).sort()) {
  const text = fs.readFileSync(path.join(root, 'wast', file), 'utf8');
  const name = file.replace(/\.wast$/, '');
  fs.mkdirSync(path.join(root, 'wasm', name), { recursive: true });
  const definitions = new Map();
  let current = null;
  let index = 0;
  for (const form of topLevel(text)) {
    const where = `${file}:${form.line}`;
    const head = /^\(\s*([a-z_]+)/.exec(form.text)[1];
    const c = { file: name + '.wast', index, line: form.line };
    const wasmPath = `wasm/${name}/${index}.wasm`;
    const write = (bytes) => fs.writeFileSync(path.join(root, wasmPath), bytes);
    let expectValid = null;
    let bytes = null;
    if (head === 'component') {
      const def = /^\(\s*component\s+definition\s+(\$[^\s()]+)?/.exec(form.text);
      const named = /^\(\s*component\s+(\$[^\s()]+)/.exec(form.text);
      const instance = /^\(\s*component\s+instance\s+(\$[^\s()]+)\s+(\$[^\s()]+)\s*\)$/.exec(form.text);
      if (instance) {
        Object.assign(c, { kind: 'component_instance', instance_name: instance[1], definition: instance[2],
          wasm: definitions.get(instance[2]), instance: index, encoded: true });
        current = index;
      } else {
        const body = def ? form.text.replace(/^\(\s*component\s+definition/, '(component') : form.text;
        try { bytes = await encode(body); } catch (e) { throw new Error(`${where}: does not encode: ${e.message ?? e}`); }
        write(bytes);
        expectValid = true;
        const id = def ? def[1] : named ? named[1] : null;
        if (id) definitions.set(id, wasmPath);
        Object.assign(c, def
          ? { kind: 'component_definition', name: id ?? null, wasm: wasmPath, source_form: 'text', encoded: true }
          : { kind: 'component', name: id, wasm: wasmPath, source_form: 'text', encoded: true, instance: index });
        if (!def) current = index;
      }
    } else if (head === 'assert_invalid' || head === 'assert_malformed') {
      const inner = topLevel(form.text.slice(1, -1).replace(/^\s*assert_[a-z]+/, ''))[0].text;
      const message = /"((?:[^"\\]|\\.)*)"\s*\)$/.exec(form.text)[1];
      try {
        bytes = await encode(inner);
      } catch (e) {
        throw new Error(`${where}: does not encode: ${e.message ?? e}`);
      }
      write(bytes);
      expectValid = false;
      Object.assign(c, { kind: head, wasm: wasmPath, source_form: 'text', encoded: true, message });
    } else if (head === 'assert_return' || head === 'assert_trap') {
      const [, invoke, ...results] = sexpr(form.text);
      const [, fn, ...args] = invoke;
      Object.assign(c, { kind: head, invoke: fn.str, args_wave: args.map(wave), instance: current, encoded: true });
      if (head === 'assert_return') c.expected_wave = results.map(wave);
      else c.message = results[0].str;
    } else {
      throw new Error(`${where}: unsupported command ${head}`);
    }
    if (oracle && bytes && expectValid !== null) {
      const verdict = await validByReference(bytes);
      if (verdict.startsWith('ok') !== expectValid) {
        disagreements++;
        console.log(`${where}: expected ${expectValid ? 'valid' : 'invalid (' + c.message + ')'}; wasm-tools via jco: ${verdict}`);
      }
    }
    lines.push(JSON.stringify(c));
    index++;
  }
}
fs.writeFileSync(path.join(root, 'cases.jsonl'), lines.join('\n') + '\n');
console.log(`${lines.length} commands written to ${path.relative(process.cwd(), root)}/cases.jsonl` +
  (oracle ? `; ${disagreements} disagreement(s) with wasm-tools` : ''));
server?.kill();
}
