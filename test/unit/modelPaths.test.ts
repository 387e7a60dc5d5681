// Model folder settings and model identity under Windows, macOS and Linux rules,
// run here with path.win32 / path.posix explicitly (modelPaths takes the platform).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cleanPathSetting, folderKey, isFolderPath, modelKey, resolveFolder, sameFolder, sameModel, type PathPlatform } from '../../src/runner/modelPaths';

const windows: PathPlatform = { platform: 'win32', home: 'C:\\Users\\Zoë Ångström', cwd: 'C:\\Users\\Zoë Ångström' };
const mac: PathPlatform = { platform: 'darwin', home: '/Users/zoë ångström', cwd: '/' };
const linux: PathPlatform = { platform: 'linux', home: '/home/zoë ångström', cwd: '/' };

describe('model folder settings on Windows (path.win32)', () => {
  it('drive letters with backslashes or slashes, UNC shares and ~ are folders; hub ids are not', () => {
    for (const folder of ['C:\\Models\\smollm2', 'c:/models/smollm2', 'D:\\', '\\\\nas\\share\\models\\smollm2', '//nas/share/models', '~', '~\\models\\x', '~/models/x', '.\\models', '..\\models', '"C:\\My Models\\x"']) {
      assert.equal(isFolderPath(folder, 'win32'), true, folder);
    }
    for (const id of ['HuggingFaceTB/SmolLM2-360M', 'Xenova/distilbart-cnn-6-6', 't5-small']) assert.equal(isFolderPath(id, 'win32'), false, id);
  });

  it('resolves to one normalized absolute path', () => {
    assert.equal(resolveFolder('C:/Models//smollm2/', windows), 'C:\\Models\\smollm2');
    assert.equal(resolveFolder('  "C:\\Program Files\\Models\\x"  ', windows), 'C:\\Program Files\\Models\\x');
    assert.equal(resolveFolder('\\\\nas\\share\\models\\', windows), '\\\\nas\\share\\models');
    assert.equal(resolveFolder('//nas/share/models', windows), '\\\\nas\\share\\models');
    assert.equal(resolveFolder('~\\models', windows), 'C:\\Users\\Zoë Ångström\\models');
    assert.equal(resolveFolder('~/models', windows), 'C:\\Users\\Zoë Ångström\\models');
    assert.equal(resolveFolder('~', windows), 'C:\\Users\\Zoë Ångström');
    assert.equal(resolveFolder('.\\models', windows), 'C:\\Users\\Zoë Ångström\\models');
  });

  it('compares folders and hub ids without case, as NTFS does', () => {
    assert.ok(sameFolder('C:\\Models\\SmolLM2', 'c:/models/smollm2/', windows));
    assert.ok(sameFolder('\\\\NAS\\Share\\Models', '//nas/share/models', windows));
    assert.ok(!sameFolder('C:\\Models\\a', 'C:\\Models\\b', windows));
    assert.ok(sameModel('HuggingFaceTB/SmolLM2-360M', 'huggingfacetb/smollm2-360m', windows));
    assert.notEqual(modelKey('HuggingFaceTB/SmolLM2-360M', windows), modelKey('C:\\HuggingFaceTB\\SmolLM2-360M', windows));
  });
});

describe('model folder settings on macOS and Linux (path.posix)', () => {
  it('absolute paths, ~ and ./ are folders; a Windows path is not absolute here', () => {
    for (const folder of ['/Users/me/models/x', '~', '~/models', './models', '../models']) assert.equal(isFolderPath(folder, 'darwin'), true, folder);
    assert.equal(isFolderPath('C:\\Models\\x', 'linux'), false);
    assert.equal(isFolderPath('~\\models', 'linux'), false, 'a backslash is a file-name character on POSIX');
    assert.equal(isFolderPath('org/name', 'linux'), false);
  });

  it('expands ~ under a home folder with spaces and non-ASCII characters', () => {
    assert.equal(resolveFolder('~/Library/Models/', mac), '/Users/zoë ångström/Library/Models');
    assert.equal(resolveFolder("'/opt/my models/x'", linux), '/opt/my models/x');
    assert.equal(cleanPathSetting('  "/a/b c"  '), '/a/b c');
    assert.equal(cleanPathSetting('"/a/"b"'), '"/a/"b"', 'only one surrounding pair is removed');
  });

  it('macOS (case-insensitive by default) folds case; Linux does not', () => {
    assert.ok(sameFolder('/Users/Me/Models', '/users/me/models/', mac));
    assert.ok(sameModel('Org/Name', 'org/name', mac));
    assert.ok(!sameFolder('/home/me/Models', '/home/me/models', linux));
    assert.ok(!sameModel('Org/Name', 'org/name', linux));
    assert.equal(folderKey('/home/me/Models/', linux), '/home/me/Models');
  });
});
