// Calls components made by `plugboard plug` / `plugboard compose`, through
// `jco transpile --instantiation async` output. Usage: node run-composed.mjs <transpiled-root>
// Prints one line per check and a closing "N passed, M failed" line.
import { readFile } from 'node:fs/promises';
import assert from 'node:assert/strict';

const root = process.argv[2];
let passed = 0;
let failed = 0;

async function load(name) {
  const mod = await import(`${root}/${name}/${name}.js`);
  return mod.instantiate(async (p) => WebAssembly.compile(await readFile(`${root}/${name}/${p}`)), {});
}

async function check(label, body) {
  try {
    await body();
    passed++;
    console.log(`ok   ${label}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${label}: ${e?.stack ?? e}`);
  }
}

await check('app plugged with upper: run', async () => {
  const c = await load('app-upper');
  assert.equal(c.run('hello'), 'HELLO!');
});

await check('bench-caller plugged with echo: pump', async () => {
  const c = await load('bench-echo');
  assert.equal(c.pump(10, 16), 160n);
});

await check('compose app-upper.wac: run', async () => {
  const c = await load('app-upper-wac');
  assert.equal(c.run('wac'), 'WAC!');
});

console.log(`${passed} passed, ${failed} failed`);
