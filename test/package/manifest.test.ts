/**
 * What the Marketplace and Open VSX show, read from the packaged VSIX: the manifest
 * fields people find and trust an extension by, the license and changelog, and the
 * README's pictures (https links that vsce made from relative paths, each to a file
 * that exists and is committed). Also: `vsce ls` works without any "skip" flag.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ZipFile } from './zipReader';

const root = path.resolve(import.meta.dirname, '..', '..');
const vsix = path.join(root, 'dist-vsix', 'inkwell-linux-x64.vsix');
const CATEGORIES = ['AI', 'Azure', 'Chat', 'Data Science', 'Debuggers', 'Education', 'Extension Packs', 'Formatters', 'Keymaps', 'Language Packs', 'Linters', 'Machine Learning', 'Notebooks', 'Programming Languages', 'SCM Providers', 'Snippets', 'Testing', 'Themes', 'Visualization', 'Other'];
const KEYWORDS = ['writing', 'markdown', 'prose', 'summarize', 'translate', 'local', 'offline', 'private', 'autocomplete'];

interface Manifest {
  version: string;
  license: string;
  preview?: boolean;
  repository: { url: string };
  bugs: { url: string };
  homepage: string;
  qna: string | false;
  keywords: string[];
  categories: string[];
  galleryBanner: { color: string; theme: string };
  contributes: { commands: { command: string }[]; menus: Record<string, { command?: string }[]> };
}

/** Image sources in Markdown: ![alt](src) and <img src="…">. */
function imageSources(markdown: string): string[] {
  const md = [...markdown.matchAll(/!\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1]!);
  const html = [...markdown.matchAll(/<img[^>]+src=["']([^"']+)["']/g)].map((m) => m[1]!);
  return [...md, ...html];
}

function isCommitted(relative: string): boolean {
  try {
    execFileSync('git', ['ls-files', '--error-unmatch', relative], { cwd: root, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('the packaged VSIX as the Marketplace shows it', () => {
  assert.ok(existsSync(vsix), `${vsix} is missing: run "npm run package" first`);
  const zip = new ZipFile(vsix);
  const pkg = JSON.parse(zip.text('extension/package.json')) as Manifest;
  const vsixManifest = zip.text('extension.vsixmanifest');
  const repo = pkg.repository.url.replace(/\.git$/, '');

  it('links to its repository, issues, home page and Q&A', () => {
    assert.match(pkg.repository.url, /^https:\/\/github\.com\/[\w.-]+\/[\w.-]+\.git$/);
    assert.equal(pkg.bugs.url, `${repo}/issues`);
    assert.ok(pkg.homepage.startsWith(repo), pkg.homepage);
    assert.ok(pkg.qna === 'marketplace' || pkg.qna === false || pkg.qna.startsWith(`${repo}/`), String(pkg.qna));
    assert.match(vsixManifest, new RegExp(`Links.Source" Value="${pkg.repository.url}"`));
    assert.match(vsixManifest, new RegExp(`Links.Support" Value="${pkg.bugs.url}"`));
    if (typeof pkg.qna === 'string' && pkg.qna !== 'marketplace') assert.match(vsixManifest, new RegExp(`CustomerQnALink" Value="${pkg.qna}"`));
  });

  it('can be found: keywords people search for, valid categories, a banner', () => {
    for (const keyword of KEYWORDS) assert.ok(pkg.keywords.includes(keyword), keyword);
    assert.ok(pkg.categories.length > 0 && pkg.categories.every((c) => CATEGORIES.includes(c)), pkg.categories.join());
    assert.match(pkg.galleryBanner.color, /^#[0-9a-f]{6}$/i);
    assert.ok(['dark', 'light'].includes(pkg.galleryBanner.theme));
    assert.match(vsixManifest, new RegExp(`Branding.Color" Value="${pkg.galleryBanner.color}"`));
  });

  it('contributes no test-only command (the chat e2e reaches its hooks through INKWELL_TEST_HOOKS, not the palette)', () => {
    const ids = [...pkg.contributes.commands.map((c) => c.command), ...Object.values(pkg.contributes.menus).flatMap((items) => items.map((i) => i.command ?? ''))];
    assert.deepEqual(ids.filter((id) => /\.test\.|\btest\b/i.test(id)), []);
  });

  it('is marked preview exactly while its version is below 1.0', () => {
    const major = Number(pkg.version.split('.')[0]);
    assert.equal(pkg.preview === true, major < 1);
    assert.equal(/<GalleryFlags>[^<]*Preview/.test(vsixManifest), major < 1);
  });

  it('ships the MIT license that package.json names, and a changelog entry for this version', () => {
    assert.equal(pkg.license, 'MIT');
    assert.match(zip.text('extension/LICENSE.txt'), /^MIT License\n/);
    assert.match(vsixManifest, /<License>extension\/LICENSE.txt<\/License>/);
    assert.match(zip.text('extension/changelog.md'), new RegExp(`^## ${pkg.version.replace(/\./g, '\\.')}\\b`, 'm'));
  });

  it("every README picture is an https link to a committed file (vsce rewrote the relative paths with the repository's raw URL)", () => {
    const sources = imageSources(readFileSync(path.join(root, 'README.md'), 'utf8'));
    assert.ok(sources.length >= 4, `the README shows pictures (${sources.length})`);
    for (const src of sources) {
      assert.ok(!/^\w+:/.test(src) || src.startsWith('https://'), src);
      if (/^\w+:/.test(src)) continue;
      assert.ok(existsSync(path.join(root, src)), `${src} exists`);
      assert.ok(isCommitted(src), `${src} is committed (the Marketplace loads it from the repository)`);
    }
    const packaged = imageSources(zip.text('extension/readme.md'));
    assert.equal(packaged.length, sources.length);
    const raw = `${repo}/raw/HEAD/`;
    for (const src of packaged) {
      assert.ok(src.startsWith('https://'), src);
      if (src.startsWith(raw)) assert.ok(existsSync(path.join(root, src.slice(raw.length))), src);
    }
  });

  it('pictures are small enough for the page: the GIF under 1 MiB, screenshots cropped to at most 1000 px wide', () => {
    for (const src of imageSources(readFileSync(path.join(root, 'README.md'), 'utf8')).filter((s) => !/^\w+:/.test(s))) {
      const file = path.join(root, src);
      if (src.endsWith('.gif')) assert.ok(statSync(file).size < 2 ** 20, `${src}: ${statSync(file).size} bytes`);
      if (src.endsWith('.png')) assert.ok(readFileSync(file).readUInt32BE(16) <= 1000, `${src} is ${readFileSync(file).readUInt32BE(16)} px wide`);
    }
  });

  it('every relative link in the README leads to a file in the repository', () => {
    const links = [...readFileSync(path.join(root, 'README.md'), 'utf8').matchAll(/(?<!!)\[[^\]]*\]\(([^)\s#]+)[^)]*\)/g)].map((m) => m[1]!);
    for (const link of links.filter((l) => !/^\w+:/.test(l))) assert.ok(existsSync(path.join(root, link)), link);
  });

  it('`vsce ls` lists the package without --skip-license or --allow-missing-repository', () => {
    const out = execFileSync(process.execPath, [path.join(root, 'node_modules/@vscode/vsce/vsce'), 'ls'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const files = out.split('\n').filter(Boolean);
    for (const file of ['LICENSE', 'CHANGELOG.md', 'README.md', 'dist/runner.js', 'node_modules/onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime.so.1']) assert.ok(files.includes(file), file);
    // The webview's and the walkthrough's media ship; the README's pictures do not (the page loads them from the repository).
    const pictures = [...readFileSync(path.join(root, 'README.md'), 'utf8').matchAll(/!\[[^\]]*\]\(([^)\s]+)[^)]*\)/g)].map((m) => m[1]!).filter((l) => !/^\w+:/.test(l));
    assert.ok(pictures.length > 0, 'the README shows pictures');
    assert.deepEqual(files.filter((f) => pictures.includes(f)), [], 'README pictures are not shipped');
    for (const file of ['media/playground.js', 'media/playground.css', 'media/walkthrough/models.md']) assert.ok(files.includes(file), file);
  });
});
