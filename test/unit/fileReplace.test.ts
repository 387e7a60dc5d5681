// Replacing and deleting files that another program holds open: Windows refuses
// (EPERM/EACCES/EBUSY) until the handle closes. The retry logic runs here with
// Windows rules and file operations that fail like Windows does; the real
// operations are used on this machine's file system.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { FileInUseError, removeTree, renameReplacing, type FileOps } from '../../src/runner/fileReplace';

function busy(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: resource busy or locked`), { code });
}

/** Operations that fail with `code` the first `failures` times, as a Windows file held open would. */
function heldOpen(platform: NodeJS.Platform, failures: number, code = 'EBUSY') {
  const calls: string[] = [];
  const slept: number[] = [];
  let left = failures;
  const attempt = async (what: string) => {
    calls.push(what);
    if (left-- > 0) throw busy(code);
  };
  const ops: FileOps = { platform, rename: (from, to) => attempt(`rename ${from} ${to}`), rm: (t) => attempt(`rm ${t}`), sleep: async (ms) => void slept.push(ms) };
  return { ops, calls, slept };
}

describe('renameReplacing / removeTree', () => {
  it('on Windows, retries while the file is in use and succeeds when it is released', async () => {
    for (const code of ['EPERM', 'EACCES', 'EBUSY']) {
      const { ops, calls, slept } = heldOpen('win32', 3, code);
      await renameReplacing('C:\\cache\\model.onnx.partial', 'C:\\cache\\model.onnx', ops);
      assert.equal(calls.length, 4, code);
      assert.deepEqual(slept, [25, 50, 100]);
    }
  });

  it('on Windows, gives up after about 3 s with a message that says the file is in use', async () => {
    const { ops, calls, slept } = heldOpen('win32', Infinity);
    await assert.rejects(removeTree('C:\\Users\\Zoë\\models\\org\\name', ops), (err: unknown) => {
      assert.ok(err instanceof FileInUseError);
      assert.match(err.message, /Could not delete C:\\Users\\Zoë\\models\\org\\name: it is in use by another program \(EBUSY\)/);
      return true;
    });
    assert.equal(calls.length, 8);
    assert.ok(slept.reduce((a, b) => a + b, 0) >= 3000);
  });

  it('elsewhere, and for other errors, fails at once without waiting', async () => {
    const posix = heldOpen('linux', 1, 'EACCES');
    await assert.rejects(renameReplacing('/a', '/b', posix.ops), /EACCES/);
    assert.equal(posix.calls.length, 1);
    const windows = heldOpen('win32', 1, 'ENOENT');
    await assert.rejects(renameReplacing('C:\\a', 'C:\\b', windows.ops), /ENOENT/);
    assert.deepEqual(windows.slept, []);
  });

  it('with the real file system: replaces a file that is open for reading, deletes a folder with an open file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'inkwell Zoë Ångström '));
    const dest = path.join(dir, 'model.onnx');
    writeFileSync(dest, 'old');
    writeFileSync(`${dest}.partial`, 'new');
    const reader = await open(dest, 'r');
    try {
      // Linux and macOS allow both while a handle is open; Windows would refuse until it closes.
      await renameReplacing(`${dest}.partial`, dest);
      assert.equal(readFileSync(dest, 'utf8'), 'new');
      mkdirSync(path.join(dir, 'onnx'));
      await removeTree(dir);
      assert.equal(existsSync(dir), false);
    } finally {
      await reader.close();
    }
  });
});
