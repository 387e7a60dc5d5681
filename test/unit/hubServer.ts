/**
 * A local stand-in for the Hugging Face hub (127.0.0.1, random port) serving
 * generated fixture folders in the hub's URL layout:
 *   GET /api/models/{id}/tree/main?recursive=true  -> [{type, path, size, oid, lfs?: {oid: sha256, size}}]
 *   GET /{id}/resolve/main/{file}                  -> the file; .onnx files redirect to /cdn/… like the hub's LFS redirect
 * It records every request and can misbehave per file: throttle, cut the
 * connection mid-way, corrupt a byte once, advertise a wrong size; unknown models get 404.
 * It can also serve a recorded hub listing (test/fixtures/hubListings/) as a
 * model's tree (its files' contents are not served), and extra listing entries
 * with content added to a fixture model (`extra`), e.g. a path that climbs out.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { RunnerClient } from '../../src/host/runnerClient';
import type { HubListing } from './hubListings';
import type { InitializeParams, ProgressParams } from '../../src/protocol';
import { RUNNER_PATH } from './runnerHarness';

export interface Misbehaviour {
  /** Send the body in chunks of this many bytes, waiting `delayMs` between them. */
  throttle?: { chunkBytes: number; delayMs: number };
  /** Close the connection half-way through this many times (Infinity: always). */
  cut?: number;
  /** Flip one byte this many times. */
  corrupt?: number;
  /** Size the tree API reports instead of the real one. */
  advertisedSize?: number;
}

const isLfs = (p: string) => p.endsWith('.onnx') || p.includes('.onnx_data');

interface Served {
  data: Buffer;
  sha256: string;
  gitOid: string;
}

export class HubServer {
  readonly requests: string[] = [];
  /** Keyed "{model}/{file}". */
  readonly misbehave = new Map<string, Misbehaviour>();
  /** Extra entries listed (and served) for a fixture model, keyed by model. */
  readonly extra = new Map<string, { path: string; data: Buffer }[]>();
  private readonly files = new Map<string, Served>();

  private constructor(
    private readonly server: Server,
    private readonly models: Record<string, string>,
    private readonly listings: Record<string, HubListing>,
  ) {}

  static async start(models: Record<string, string>, listings: Record<string, HubListing> = {}): Promise<HubServer> {
    const hub: HubServer = new HubServer(createServer((req, res) => void hub.handle(req, res)), models, listings);
    await new Promise<void>((resolve) => hub.server.listen(0, '127.0.0.1', resolve));
    return hub;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  requestsFor(file: string): string[] {
    return this.requests.filter((r) => r.endsWith(`/${file}`));
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    this.requests.push(url.pathname);
    const tree = /^\/api\/models\/(.+)\/tree\/main$/.exec(url.pathname);
    if (tree) return this.serveTree(decodeURIComponent(tree[1] ?? ''), res);
    const injected = this.injected(url.pathname);
    if (injected) {
      res.writeHead(200, { 'content-length': injected.length, 'content-type': 'application/octet-stream' }).end(injected);
      return;
    }
    const file = /^\/(cdn\/)?(.+?)\/resolve\/main\/(.+)$/.exec(url.pathname);
    const model = file ? decodeURIComponent(file[2] ?? '') : '';
    const name = file ? decodeURIComponent(file[3] ?? '') : '';
    const served = file && this.models[model] ? this.file(model, name) : undefined;
    if (!served) return notFound(res);
    if (!file?.[1] && name.endsWith('.onnx')) {
      res.writeHead(302, { location: `/cdn${url.pathname}` }).end();
      return;
    }
    await this.serveFile(`${model}/${name}`, served.data, res);
  }

  private serveTree(model: string, res: ServerResponse): void {
    const listing = this.listings[model];
    if (listing) return this.sendTree(res, listing.files.map((f) => ({ path: f.path, size: f.size, ...fakeHashes(`${model}/${f.path}`) })));
    const folder = this.models[model];
    if (!folder) return notFound(res);
    const entries = walk(folder).map((p) => {
      const f = this.file(model, p) as Served;
      return { path: p, size: this.misbehave.get(`${model}/${p}`)?.advertisedSize ?? f.data.length, sha256: f.sha256, gitOid: f.gitOid };
    });
    const extra = (this.extra.get(model) ?? []).map((e) => ({ path: e.path, size: e.data.length, sha256: sha256(e.data), gitOid: gitOid(e.data) }));
    this.sendTree(res, [...entries, ...extra]);
  }

  private sendTree(res: ServerResponse, files: { path: string; size: number; sha256: string; gitOid: string }[]): void {
    const entries = files.map(({ path: p, size, sha256: sha, gitOid: oid }) =>
      isLfs(p) ? { type: 'file', path: p, size: 134, oid, lfs: { oid: sha, size, pointerSize: 134 } } : { type: 'file', path: p, size, oid },
    );
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify([{ type: 'directory', path: 'onnx', size: 0, oid: '0' }, ...entries]));
  }

  /** Content of an `extra` entry whose URL (as a client normalises it) is `pathname`. */
  private injected(pathname: string): Buffer | undefined {
    for (const [model, entries] of this.extra) {
      for (const e of entries) {
        const encoded = `/${model}/resolve/main/${e.path.split('/').map(encodeURIComponent).join('/')}`;
        if (new URL(encoded, this.url).pathname === pathname) return e.data;
      }
    }
    return undefined;
  }

  private async serveFile(key: string, data: Buffer, res: ServerResponse): Promise<void> {
    const rule = this.misbehave.get(key) ?? {};
    let body = data;
    if (rule.corrupt) {
      rule.corrupt--;
      body = Buffer.from(data);
      body[body.length >> 1] = (body[body.length >> 1] ?? 0) ^ 0xff;
    }
    const cut = (rule.cut ?? 0) > 0;
    if (cut) rule.cut = (rule.cut ?? 0) - 1;
    res.writeHead(200, { 'content-length': body.length, 'content-type': 'application/octet-stream' });
    if (!cut && !rule.throttle) {
      res.end(body);
      return;
    }
    const end = cut ? body.length >> 1 : body.length;
    const step = rule.throttle?.chunkBytes ?? 64 * 1024;
    for (let at = 0; at < end && !res.destroyed; at += step) {
      if (!res.write(body.subarray(at, Math.min(end, at + step)))) await new Promise((resolve) => res.once('drain', resolve));
      if (rule.throttle) await new Promise((resolve) => setTimeout(resolve, rule.throttle?.delayMs));
    }
    if (cut) res.destroy();
    else res.end();
  }

  private file(model: string, name: string): Served | undefined {
    const key = `${model}/${name}`;
    const cached = this.files.get(key);
    if (cached) return cached;
    const folder = this.models[model] ?? '';
    if (!walk(folder).includes(name)) return undefined;
    const data = readFileSync(path.join(folder, name));
    const served = { data, sha256: sha256(data), gitOid: gitOid(data) };
    this.files.set(key, served);
    return served;
  }
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const gitOid = (data: Buffer) => createHash('sha1').update(`blob ${data.length}\0`).update(data).digest('hex');
/** Stand-in hashes for a listed file whose content is not served. */
const fakeHashes = (key: string) => ({ sha256: createHash('sha256').update(key).digest('hex'), gitOid: createHash('sha1').update(key).digest('hex') });

/** Files under a folder as hub paths ("onnx/model.onnx"), without dotfiles (the fixture stamp). */
function walk(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && !e.name.startsWith('.'))
    .map((e) => path.relative(folder, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'Repository not found' }));
}

export interface HubRunner {
  client: RunnerClient;
  progress: ProgressParams[];
  logs: string[];
  settings: InitializeParams;
}

/** The real runner through the real host client, downloading from `hub`, with its progress notifications recorded. */
export function startHubRunner(hub: HubServer, settings: Pick<InitializeParams, 'cacheDir'> & Partial<InitializeParams>): HubRunner {
  const progress: ProgressParams[] = [];
  const logs: string[] = [];
  const full: InitializeParams = { localModelPath: '', offline: false, threads: 2, hubHost: hub.url, ...settings };
  const client = new RunnerClient({
    runnerPath: RUNNER_PATH,
    log: { info: (m) => logs.push(m), warn: (m) => logs.push(m), error: (m) => logs.push(m) },
    initializeParams: () => full,
    onProgress: (p) => progress.push(p),
  });
  return { client, progress, logs, settings: full };
}
