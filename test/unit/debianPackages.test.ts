// The set-up's Debian package decisions (test/e2e/debianPackages.ts): which packages a run
// needs, what it does about missing ones on which host, and the real dpkg check.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  DEBIAN_PACKAGES,
  extraPackagesFromEnv,
  missingPackages,
  planDebianPackages,
  requiredPackages,
  stopMessage,
} from '../e2e/debianPackages.ts';

const hasDpkg = spawnSync('dpkg-query', ['--version'], { stdio: 'ignore' }).status === 0;

test('the first install needs every package; later runs only chromium', () => {
  assert.deepEqual(requiredPackages({ building: true, ownChromium: false }), DEBIAN_PACKAGES.map((p) => p.name));
  assert.deepEqual(requiredPackages({ building: false, ownChromium: false }), ['chromium']);
  assert.deepEqual(requiredPackages({ building: false, ownChromium: true }), []);
  assert.ok(!requiredPackages({ building: true, ownChromium: true }).includes('chromium'));
  assert.deepEqual(requiredPackages({ building: false, ownChromium: false, extra: ['cowsay', 'chromium'] }), ['chromium', 'cowsay']);
});

test('the list holds what code-server builds with and what drives the browser', () => {
  for (const name of ['chromium', 'libkrb5-dev', 'libx11-dev', 'libxkbfile-dev', 'libsecret-1-dev', 'pkg-config', 'g++', 'make', 'python3']) {
    assert.ok(DEBIAN_PACKAGES.some((p) => p.name === name), name);
  }
});

test('.ci/run has no package list of its own', () => {
  const ci = readFileSync(new URL('../../.ci/run', import.meta.url), 'utf8');
  assert.doesNotMatch(ci, /apt-get|libx11-dev|dpkg/);
  assert.match(ci, /npm run setup/);
});

test('extra packages come from INKWELL_EXTRA_DEBIAN_PACKAGES', () => {
  assert.deepEqual(extraPackagesFromEnv({ INKWELL_EXTRA_DEBIAN_PACKAGES: ' sl, cowsay  ' }), ['sl', 'cowsay']);
  assert.deepEqual(extraPackagesFromEnv({}), []);
});

test('nothing missing: nothing to do', () => {
  assert.deepEqual(planDebianPackages([], { root: false, aptGet: false, sudo: false }), { action: 'none' });
});

test('root with apt-get: apt-get update, then install exactly the missing packages', () => {
  const plan = planDebianPackages(['chromium', 'make'], { root: true, aptGet: true, sudo: false });
  assert.equal(plan.action, 'install');
  assert.deepEqual(plan.action === 'install' && plan.commands, [
    ['apt-get', 'update', '-q'],
    ['apt-get', 'install', '-y', '-q', '--no-install-recommends', 'chromium', 'make'],
  ]);
});

test('not root: stop with one command (sudo when there is sudo, else su)', () => {
  const host = { root: false, aptGet: true, sudo: true };
  const plan = planDebianPackages(['chromium', 'g++'], host);
  assert.equal(plan.action, 'stop');
  if (plan.action !== 'stop') return;
  assert.equal(plan.command, "sudo sh -c 'apt-get update && apt-get install -y --no-install-recommends chromium g++'");
  const message = stopMessage(plan, host);
  assert.match(message, /Missing Debian packages: chromium g\+\+ \(installing them needs root\)/);
  assert.ok(message.includes(`\n    ${plan.command}\n`), 'the command on a line of its own');
  const withoutSudo = planDebianPackages(['make'], { root: false, aptGet: true, sudo: false });
  assert.equal(withoutSudo.action === 'stop' && withoutSudo.command, "su -c 'apt-get update && apt-get install -y --no-install-recommends make'");
});

test('root without apt-get: stop and say so', () => {
  const host = { root: true, aptGet: false, sudo: false };
  const plan = planDebianPackages(['make'], host);
  assert.equal(plan.action, 'stop');
  if (plan.action === 'stop') assert.match(stopMessage(plan, host), /apt-get was not found/);
});

test('dpkg: an installed package is not missing; an unknown one is', { skip: !hasDpkg && 'no dpkg here' }, () => {
  assert.deepEqual(missingPackages(['dpkg', 'inkwell-no-such-package']), ['inkwell-no-such-package']);
  assert.deepEqual(missingPackages([]), []);
});
