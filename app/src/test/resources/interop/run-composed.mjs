// Calls components made by `plugboard plug` / `plugboard compose`, through
// `jco transpile --instantiation async` output. Usage: node run-composed.mjs <transpiled-root>
// Prints one line per check and a closing "N passed, M failed" line.
import assert from 'node:assert/strict';
import { load, check, report } from './harness.mjs';

const root = process.argv[2];

await check('app plugged with upper: run', async () => {
  const c = await load(root, 'app-upper');
  assert.equal(c.run('hello'), 'HELLO!');
});

await check('bench-caller plugged with echo: pump', async () => {
  const c = await load(root, 'bench-echo');
  assert.equal(c.pump(10, 16), 160n);
});

await check('compose app-upper.wac: run', async () => {
  const c = await load(root, 'app-upper-wac');
  assert.equal(c.run('wac'), 'WAC!');
});

report();
