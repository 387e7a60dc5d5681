/**
 * "Inkwell: Select Model…": per task, the catalog's models with size, dtype and
 * a downloaded mark, a local folder, or any hub id; saved in user settings.
 */
import * as vscode from 'vscode';
import { updateUserSetting, type ConfigWatcher } from '../../config';
import { entriesFor, entryDtype, formatMB, isHubId, type CatalogEntry } from '../../core/catalog';
import { Methods, type CachedModel, type Dtype, type Task } from '../../protocol';
import type { RunnerClient } from '../runnerClient';
import { MODEL_SETTING, TASK_LABEL, TASKS } from './modelTasks';

export interface SelectModelDeps {
  client: RunnerClient;
  config: ConfigWatcher;
  log: vscode.LogOutputChannel;
  /** Offer the download right after a hub model is chosen. */
  ensureAvailable: (task: Task, model: string) => Promise<boolean>;
}

type Item = vscode.QuickPickItem & { value?: string | (() => Promise<string | undefined>) };

export async function selectModel(deps: SelectModelDeps, task?: Task): Promise<void> {
  const chosenTask = task ?? (await pickTask(deps));
  if (!chosenTask) return;
  const current = deps.config.current[MODEL_SETTING[chosenTask]];
  const choice = await vscode.window.showQuickPick(modelItems(deps, chosenTask, current), {
    title: `Inkwell: model for ${TASK_LABEL[chosenTask]}`,
    placeHolder: `Current: ${current}`,
    matchOnDescription: true,
    matchOnDetail: true,
  });
  const value = typeof choice?.value === 'function' ? await choice.value() : choice?.value;
  if (!value || value === current) return;
  await updateUserSetting(vscode.workspace, vscode.ConfigurationTarget.Global, MODEL_SETTING[chosenTask], value);
  deps.log.info(`Model for ${chosenTask} set to ${value}.`);
  if (value !== 'auto' && isHubId(value)) void deps.ensureAvailable(chosenTask, value);
  else void vscode.window.setStatusBarMessage(`Inkwell: ${TASK_LABEL[chosenTask]} now use ${value}`, 4000);
}

async function pickTask(deps: SelectModelDeps): Promise<Task | undefined> {
  const items = TASKS.map((t) => ({ label: TASK_LABEL[t].replace(/^./, (c) => c.toUpperCase()), description: deps.config.current[MODEL_SETTING[t]], task: t }));
  return (await vscode.window.showQuickPick(items, { title: 'Inkwell: choose the model for…' }))?.task;
}

async function modelItems(deps: SelectModelDeps, task: Task, current: string): Promise<Item[]> {
  const cached = await deps.client.request0(Methods.listCachedModels).catch((err: unknown) => {
    deps.log.warn(`Could not list downloaded models: ${String(err)}`);
    return [] as CachedModel[];
  });
  const dtype = deps.config.current.dtype;
  const entries = entriesFor(task);
  const items: Item[] = [];
  if (task === 'translation') {
    items.push({ label: 'auto', description: current === 'auto' ? '(current)' : '', detail: 'An opus-mt model for each language pair when one exists, else NLLB-200 (multilingual)', value: 'auto' });
  }
  if (current !== 'auto' && !entries.some((e) => e.id === current)) items.push({ label: current, description: '(current)', value: current });
  for (const entry of entries) items.push(entryItem(entry, dtype, cached, current));
  items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
  items.push({ label: '$(folder-opened) Use a local folder…', value: () => pickFolder() });
  items.push({ label: '$(cloud-download) Enter a hub id…', value: () => enterHubId() });
  return items;
}

function entryItem(entry: CatalogEntry, dtype: Dtype, cached: CachedModel[], current: string): Item {
  const chosen = entryDtype(entry, dtype);
  const size = chosen ? `${formatMB((entry.downloadMB[chosen] ?? 0) * 2 ** 20)} · ${chosen}` : `no ${dtype} weights`;
  const downloaded = cached.find((c) => c.model === entry.id)?.dtypes.some((d) => d === chosen) ? ' · $(check) downloaded' : '';
  const ram = chosen ? ` · ~${formatMB((entry.ramMB[chosen] ?? 0) * 2 ** 20)} memory` : '';
  return {
    label: entry.id,
    description: `${current === entry.id ? '(current) ' : ''}${size}${downloaded}`,
    detail: `${entry.description}${ram} · ${entry.license}`,
    value: entry.id,
  };
}

/** A folder in the Hugging Face layout: config.json and ONNX weights in onnx/. */
async function pickFolder(): Promise<string | undefined> {
  const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: 'Use This Model', title: 'Model folder (config.json, onnx/)' });
  const folder = picked?.[0];
  if (!folder) return undefined;
  const problem = await folderProblem(folder);
  if (!problem) return folder.fsPath;
  void vscode.window.showErrorMessage(`Inkwell: ${folder.fsPath} is not a model folder: ${problem}.`);
  return undefined;
}

async function folderProblem(folder: vscode.Uri): Promise<string | undefined> {
  const fs = vscode.workspace.fs;
  if (!(await fs.stat(vscode.Uri.joinPath(folder, 'config.json')).then(() => true, () => false))) return 'it has no config.json';
  const onnx = await fs.readDirectory(vscode.Uri.joinPath(folder, 'onnx')).then(
    (entries) => entries,
    () => undefined,
  );
  if (!onnx) return 'it has no onnx/ folder';
  if (!onnx.some(([name]) => name.endsWith('.onnx'))) return 'its onnx/ folder holds no .onnx file';
  return undefined;
}

async function enterHubId(): Promise<string | undefined> {
  const id = await vscode.window.showInputBox({
    title: 'Inkwell: Hugging Face model id',
    placeHolder: 'org/name, e.g. onnx-community/Qwen2.5-0.5B-Instruct',
    prompt: 'A repository with ONNX weights for transformers.js (onnx/model_quantized.onnx, …).',
    validateInput: (v) => (isHubId(v.trim()) && v.includes('/') ? undefined : 'Enter an id like org/name (letters, digits, "-", "_", ".").'),
  });
  return id?.trim() || undefined;
}
