// Progress lines of the first run's long set-up steps (test/e2e/heartbeat.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatSeconds, progressLine, whileRunning } from '../e2e/heartbeat.ts';

test('durations read as seconds, then minutes and seconds', () => {
  assert.equal(formatSeconds(12_345), '12.3 s');
  assert.equal(formatSeconds(125_000), '2 min 05 s');
});

test('only lines that say where the build is are kept', () => {
  assert.equal(progressLine('  CXX(target) Release/obj.target/spdlog/src/main.o'), 'CXX(target) Release/obj.target/spdlog/src/main.o');
  assert.equal(progressLine('> node-gyp rebuild'), '> node-gyp rebuild');
  assert.equal(progressLine('      |         ^~~~~~~'), '');
  assert.equal(progressLine('../src/main.cc:12: warning: unused variable'), '');
  assert.equal(progressLine(`CC(target) ${'x'.repeat(200)}`).length, 110);
});

test('a heartbeat names the step, its usual time and the last progress line, until the step ends', async () => {
  const logged: string[] = [];
  let finish: (value: string) => void = () => undefined;
  const result = await whileRunning(
    'code-server',
    '3-5 min',
    (line) => {
      logged.push(line);
      if (logged.length === 2) finish('built');
    },
    (onLine) =>
      new Promise<string>((resolve) => {
        finish = resolve;
        onLine('  |   ^~~~');
        onLine('CXX(target) Release/obj.target/spdlog/src/main.o');
        onLine('In file included from x.h');
      }),
    5,
  );
  assert.equal(result, 'built');
  assert.match(logged[0]!, /^code-server: \d+\.\d s so far \(usually 3-5 min\) · CXX\(target\) Release\/obj\.target\/spdlog\/src\/main\.o$/);
  const count = logged.length;
  await new Promise((resolve) => setTimeout(resolve, 30)); // six heartbeat intervals: a bounded observation
  assert.equal(logged.length, count, 'no heartbeat after the step ended');
});
