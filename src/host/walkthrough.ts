/**
 * The Getting Started walkthrough (`contributes.walkthroughs` in package.json): opens
 * once, on the first start after install, and never again unasked; its sample document.
 */
import * as vscode from 'vscode';
import { OPEN_WALKTHROUGH_ON_INSTALL } from '../config';

export const WALKTHROUGH_ID = 'gettingStarted';
/** globalState key: the first start has been handled (opened, or skipped on purpose). */
export const WALKTHROUGH_SHOWN_KEY = 'inkwell.walkthroughShown';

export interface WalkthroughDeps {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
}

export function registerWalkthrough(deps: WalkthroughDeps): vscode.Disposable {
  const disposable = vscode.Disposable.from(
    vscode.commands.registerCommand('inkwell.showWalkthrough', () => openWalkthrough(deps.context)),
    vscode.commands.registerCommand('inkwell.openSample', (mode?: unknown) => openSample(deps.context, mode === 'selectParagraph')),
  );
  void openOnFirstStart(deps).catch((err: unknown) => deps.log.warn(`Could not open the Getting Started walkthrough: ${String(err)}`));
  return disposable;
}

function openWalkthrough(context: vscode.ExtensionContext): Thenable<unknown> {
  return vscode.commands.executeCommand('workbench.action.openWalkthrough', `${context.extension.id}#${WALKTHROUGH_ID}`, false);
}

/** Opens the walkthrough if this is the first start after install; true when it did. */
export async function openOnFirstStart({ context, log }: WalkthroughDeps): Promise<boolean> {
  if (context.globalState.get<boolean>(WALKTHROUGH_SHOWN_KEY)) return false;
  await context.globalState.update(WALKTHROUGH_SHOWN_KEY, true);
  if (!vscode.workspace.getConfiguration().get<boolean>(OPEN_WALKTHROUGH_ON_INSTALL, true)) {
    log.info(`Getting Started walkthrough not opened: ${OPEN_WALKTHROUGH_ON_INSTALL} is off.`);
    return false;
  }
  if (await hasDownloadedModels(context)) return false; // used before this version: not a new user
  await openWalkthrough(context);
  log.info('Opened the Getting Started walkthrough (first start after install).');
  return true;
}

async function hasDownloadedModels(context: vscode.ExtensionContext): Promise<boolean> {
  try {
    const entries = await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(context.globalStorageUri, 'models'));
    return entries.length > 0;
  } catch {
    return false;
  }
}

/** The sample Markdown document in a new untitled editor, the cursor at its end (or its first paragraph selected). */
async function openSample(context: vscode.ExtensionContext, selectParagraph: boolean): Promise<void> {
  const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, 'media', 'walkthrough', 'sample.md'));
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: new TextDecoder().decode(bytes) });
  const end = document.lineAt(document.lineCount - 1).range.end;
  const paragraph = selectParagraph ? firstParagraph(document) : undefined;
  // The editor opens with its selection: set afterwards, it reached the editor after the
  // user's first keystrokes and moved the cursor back before the typed words.
  await vscode.window.showTextDocument(document, { preview: false, selection: paragraph ?? new vscode.Range(end, end) });
}

/** The first line of prose (not a heading, not blank). */
function firstParagraph(document: vscode.TextDocument): vscode.Range | undefined {
  for (let i = 0; i < document.lineCount; i++) {
    const line = document.lineAt(i);
    if (!line.isEmptyOrWhitespace && !line.text.startsWith('#')) return line.range;
  }
  return undefined;
}
