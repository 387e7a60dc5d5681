// The per-target .vscodeignore that `npm run package:all` generates (no VSIX needed;
// test/package/vsix.test.ts opens the built files).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ignoreFileFor, VSIX_TARGETS } from '../../scripts/vsixTargets';

const checkedIn = readFileSync(path.resolve(import.meta.dirname, '../../.vscodeignore'), 'utf8');
const nativeLines = (text: string) => text.split('\n').filter((line) => line.includes('onnxruntime-node/bin/'));

describe('per-target .vscodeignore', () => {
  it('the checked-in file is exactly the linux-x64 one (what plain `vsce package` and `vsce ls` use)', () => {
    assert.equal(ignoreFileFor(checkedIn, VSIX_TARGETS.find((t) => t.target === 'linux-x64')!), checkedIn);
  });

  it('each target allows only its own binding and library, and keeps every other line', () => {
    const others = checkedIn.split('\n').filter((line) => !line.includes('onnxruntime-node/bin/'));
    for (const t of VSIX_TARGETS) {
      const text = ignoreFileFor(checkedIn, t);
      const native = nativeLines(text);
      assert.equal(native.length, 2, t.target);
      for (const line of native) assert.ok(line.startsWith(`!node_modules/onnxruntime-node/bin/napi-v6/${t.os}/${t.arch}/`), line);
      assert.deepEqual(text.split('\n').filter((line) => !line.includes('onnxruntime-node/bin/')), others);
    }
    assert.deepEqual(nativeLines(ignoreFileFor(checkedIn, VSIX_TARGETS.find((t) => t.target === 'win32-x64')!)), [
      '!node_modules/onnxruntime-node/bin/napi-v6/win32/x64/onnxruntime_binding.node',
      '!node_modules/onnxruntime-node/bin/napi-v6/win32/x64/onnxruntime.dll',
    ]);
  });

  it('refuses a .vscodeignore without native lines instead of packaging a VSIX without its runtime', () => {
    assert.throws(() => ignoreFileFor('**\n!dist/runner.js\n', VSIX_TARGETS[0]!), /no "!node_modules\/onnxruntime-node\/bin\/napi-v6\/…" lines/);
  });
});
