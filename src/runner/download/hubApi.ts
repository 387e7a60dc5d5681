/**
 * The two hub endpoints Inkwell uses: the repository tree (file list with sizes
 * and hashes) and `resolve/main/{file}` (the file, often via a redirect to a CDN).
 */
import { settingId } from '../../config';
import { RunnerErrorCode } from '../../protocol';
import { firstLine, runnerError } from '../errors';
import type { HubFile } from './fileSelection';

interface TreeEntry {
  type: 'file' | 'directory';
  path: string;
  size: number;
  oid?: string;
  lfs?: { oid: string; size: number };
}

export const DEFAULT_HUB_HOST = 'https://huggingface.co';
const HEADERS = { 'user-agent': 'inkwell-vscode (transformers.js; onnxruntime-node)' };

const encodePath = (p: string): string => p.split('/').map(encodeURIComponent).join('/');

export function fileUrl(host: string, model: string, file: string): string {
  return `${host}/${encodePath(model)}/resolve/main/${encodePath(file)}`;
}

/** Every file of the repository at `main`, following the tree API's pagination. */
export async function listRepoFiles(host: string, model: string, signal?: AbortSignal): Promise<HubFile[]> {
  let url: string | undefined = `${host}/api/models/${encodePath(model)}/tree/main?recursive=true`;
  const files: HubFile[] = [];
  for (let page = 0; url && page < 50; page++) {
    const res = await hubFetch(url, model, signal);
    const entries = (await res.json()) as TreeEntry[];
    for (const e of entries) {
      if (e.type !== 'file') continue;
      files.push(e.lfs ? { path: e.path, size: e.lfs.size, sha256: e.lfs.oid } : { path: e.path, size: e.size, gitOid: e.oid });
    }
    url = nextPage(res.headers.get('link'));
  }
  return files;
}

/** A GET that turns network failures and hub refusals into errors a user can act on. */
export async function hubFetch(url: string, model: string, signal?: AbortSignal, file?: string): Promise<Response> {
  const what = file ? `${file} of "${model}"` : `"${model}"`;
  let res: Response;
  try {
    res = await fetch(url, { headers: HEADERS, redirect: 'follow', signal });
  } catch (err) {
    if (signal?.aborted) throw err;
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const detail = cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
    throw runnerError(RunnerErrorCode.DownloadFailed, `Could not download ${what} from ${new URL(url).host} (${detail}). Check the network connection, or use models already downloaded with the setting "${settingId('offline')}".`);
  }
  if (res.ok) return res;
  void res.body?.cancel();
  if (res.status === 401 || res.status === 404) {
    throw runnerError(RunnerErrorCode.ModelNotFound, `Model "${model}" was not found on ${new URL(url).host} (HTTP ${res.status}). Check the id (org/name); private models are not supported.`);
  }
  if (res.status === 403) {
    throw runnerError(RunnerErrorCode.ModelNotFound, `Model "${model}" is gated on ${new URL(url).host}: it needs a signed-in account that accepted its license. Download it yourself and set the model to its folder.`);
  }
  throw runnerError(RunnerErrorCode.DownloadFailed, `Downloading ${what} failed: HTTP ${res.status} ${firstLine(res.statusText)} from ${new URL(url).host}.`);
}

function nextPage(link: string | null): string | undefined {
  const match = link ? /<([^>]+)>;\s*rel="next"/.exec(link) : null;
  return match?.[1];
}
