/**
 * Opens every platform VSIX that `npm run package:all` built and checks that it
 * runs on exactly its platform: the bundles are there, onnxruntime's native
 * library and binding are there for its OS and CPU (read from the binaries'
 * headers), nothing of another platform or of an unused execution provider is,
 * and it stays under the size budget.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { VSIX_TARGETS, vsixFileName } from '../../scripts/vsixTargets';
import { binaryKind } from './binaryArch';
import { ZipFile } from './zipReader';

/** Each VSIX, compressed. linux-x64 is the largest (17.5 MiB; its library is 44 MB unpacked). */
const BUDGET_MIB = 20;
const root = path.resolve(import.meta.dirname, '..', '..');
const ORT = 'extension/node_modules/onnxruntime-node';
/** The library the binding loads, per OS (written out here, not taken from the packaging table). */
const LIBRARY: Record<string, string> = { win32: 'onnxruntime.dll', darwin: 'libonnxruntime.1.dylib', linux: 'libonnxruntime.so.1' };
const REQUIRED = [
  'extension/package.json',
  'extension/dist/extension.js',
  'extension/dist/runner.js',
  `${ORT}/package.json`,
  `${ORT}/dist/index.js`,
  `${ORT}/dist/binding.js`,
  'extension/node_modules/onnxruntime-common/dist/cjs/index.js',
];
const UNUSED_PROVIDERS = /directml|dxcompiler|dxil|cuda|tensorrt|_providers_|openvino|qnn/i;

test('every platform onnxruntime-node ships has a VSIX target', () => {
  const bin = path.join(root, 'node_modules/onnxruntime-node/bin/napi-v6');
  const shipped = readdirSync(bin).flatMap((os) => readdirSync(path.join(bin, os)).map((arch) => `${os}-${arch}`));
  assert.deepEqual(VSIX_TARGETS.map((t) => t.target).sort(), shipped.sort());
});

for (const t of VSIX_TARGETS) {
  test(`${vsixFileName(t)}: runs on ${t.os}/${t.arch} and nothing else`, (ctx) => {
    const file = path.join(root, 'dist-vsix', vsixFileName(t));
    assert.ok(existsSync(file), `${file} is missing: run "npm run package:all" first`);
    const mib = statSync(file).size / 2 ** 20;
    ctx.diagnostic(`${vsixFileName(t)}: ${mib.toFixed(1)} MiB (budget ${BUDGET_MIB} MiB)`);
    assert.ok(mib <= BUDGET_MIB, `${vsixFileName(t)} is ${mib.toFixed(1)} MiB, over the ${BUDGET_MIB} MiB budget`);

    const zip = new ZipFile(file);
    for (const name of REQUIRED) assert.ok(zip.names.includes(name), `${name} missing`);

    const native = zip.names.filter((n) => n.startsWith(`${ORT}/bin/`));
    const ownDir = `${ORT}/bin/napi-v6/${t.os}/${t.arch}/`;
    assert.deepEqual(native.filter((n) => !n.startsWith(ownDir)), [], 'files of another platform');
    assert.deepEqual(native.map((n) => n.slice(ownDir.length)).sort(), ['onnxruntime_binding.node', LIBRARY[t.os]!].sort());
    for (const name of native) {
      const kind = binaryKind(zip.read(name).subarray(0, 4096));
      assert.deepEqual(kind, { os: t.os, arch: t.arch }, `${name} is built for ${kind.os}/${kind.arch}`);
    }
    assert.deepEqual(zip.names.filter((n) => UNUSED_PROVIDERS.test(n)), [], 'libraries of unused execution providers');
    assert.match(zip.text('extension.vsixmanifest'), new RegExp(`TargetPlatform="${t.target}"`));
  });
}
