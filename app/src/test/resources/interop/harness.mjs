// Shared by the interop scripts: loading a `jco transpile --instantiation async` output and
// counting checks. Each check prints one line; report() prints "N passed, M failed".
import { readFile } from 'node:fs/promises';

let passed = 0;
let failed = 0;

export async function load(root, name, imports = {}) {
  const mod = await import(`${root}/${name}/${name}.js`);
  return mod.instantiate(async (p) => WebAssembly.compile(await readFile(`${root}/${name}/${p}`)), imports);
}

export async function check(label, body) {
  try {
    await body();
    passed++;
    console.log(`ok   ${label}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${label}: ${e?.stack ?? e}`);
  }
}

export function report() {
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}
