// Calls components made by `plugboard new`, through `jco transpile --instantiation async`
// output, and checks what they return. Usage: node run-wrapped.mjs <transpiled-root>
// Prints one line per check and a closing "N passed, M failed" line.
import assert from 'node:assert/strict';
import { load, check, report } from './harness.mjs';

const root = process.argv[2];

await check('hello: greet', async () => {
  const c = await load(root, 'hello');
  assert.equal(c.greet('ada'), 'Hello, ada!');
  assert.equal(c.greet('wörld ✓'), 'Hello, wörld ✓!');
});

await check('upper: transform.apply', async () => {
  const c = await load(root, 'upper');
  assert.equal(c.transform.apply('hello'), 'HELLO');
});

await check('echo: echo.echo', async () => {
  const c = await load(root, 'echo');
  assert.deepEqual([...c.echo.echo(new Uint8Array([1, 2, 250]))], [1, 2, 250]);
});

await check('types: records, variants, results, enums, flags, options, lists, tuples, chars', async () => {
  const t = (await load(root, 'types')).api;
  assert.deepEqual(t.stats(new Float64Array([3, -1.5, 10, 0.5])), { min: -1.5, max: 10, mean: 3 });
  assert.deepEqual(t.classify(-7), { tag: 'negative', val: -7 });
  assert.equal(t.parse('4294967295'), 4294967295);
  assert.throws(() => t.parse('12a'));
  assert.equal(t.nextColor('blue'), 'red');
  assert.deepEqual(t.invert({ read: true, write: false, exec: true }), { read: false, write: true, exec: false });
  assert.equal(t.firstEven(new Uint32Array([1, 3, 8])), 8);
  assert.equal(t.sum(new Uint32Array([4294967295, 4294967295, 2])), 8589934592n);
  assert.deepEqual(t.swap([-5n, 'abc']), ['abc', -5n]);
  assert.equal(t.join(['x', 'y'], 'é'), 'xéy');
  assert.equal(t.upperChar('q'), 'Q');
});

await check('kv: resource constructor, methods, destructor', async () => {
  const { Store } = (await load(root, 'kv')).storeApi;
  const s = new Store();
  s.set('a', new Uint8Array([1, 2]));
  s.set('b', new Uint8Array([3]));
  assert.deepEqual([...s.get('a')], [1, 2]);
  assert.equal(s.get('zzz'), undefined);
  assert.equal(s.len(), 2);
  s[Symbol.dispose]?.();
});

await check('app: run calls its import', async () => {
  const c = await load(root, 'app', { 'example:text/transform': { apply: (s) => s.toUpperCase() } });
  assert.equal(c.run('hello'), 'HELLO!');
});

await check('bench-caller: pump calls echo n times', async () => {
  let calls = 0;
  const c = await load(root, 'bench-caller', { 'example:bench/echo': { echo: (d) => { calls++; return d; } } });
  assert.equal(c.pump(5, 100), 500n);
  assert.equal(calls, 5);
});

report();

