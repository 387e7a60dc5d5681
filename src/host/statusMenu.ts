import * as vscode from 'vscode';
import { updateUserSetting, type Config } from '../config';
import { isEnabledFor, withLanguage } from '../core/inline/languageToggle';
import type { Snooze } from './snooze';

export interface MenuDeps {
  config: () => Config;
  snooze: Snooze;
  log: vscode.LogOutputChannel;
}

type Item = vscode.QuickPickItem & { run?: () => unknown };

/** Turns suggestions on or off everywhere (user settings). */
export async function toggleEverywhere(deps: MenuDeps, enable?: boolean): Promise<void> {
  const toggle = deps.config().inlineEnable;
  const next = enable ?? !isEnabledFor(toggle, '*');
  await updateUserSetting(vscode.workspace, vscode.ConfigurationTarget.Global, 'inlineEnable', withLanguage(toggle, '*', next));
  if (next) deps.snooze.resume();
  void vscode.window.setStatusBarMessage(`Inkwell: suggestions ${next ? 'on' : 'off'}`, 2500);
}

export async function pickSnooze(deps: MenuDeps): Promise<void> {
  const choice = await vscode.window.showQuickPick(
    [5, 15, 60].map((m) => ({ label: `${m} minutes`, minutes: m })),
    { title: 'Snooze Inkwell suggestions for…' },
  );
  if (choice) deps.snooze.snooze(choice.minutes);
}

/** The menu behind the status bar item. */
export async function showStatusMenu(deps: MenuDeps): Promise<void> {
  const toggle = deps.config().inlineEnable;
  const language = vscode.window.activeTextEditor?.document.languageId;
  const items: Item[] = [];
  const everywhere = isEnabledFor(toggle, '*');
  items.push({ label: everywhere ? '$(circle-slash) Disable suggestions everywhere' : '$(check) Enable suggestions everywhere', run: () => toggleEverywhere(deps, !everywhere) });
  if (language) {
    const on = isEnabledFor(toggle, language);
    items.push({
      label: `${on ? '$(circle-slash) Disable' : '$(check) Enable'} suggestions for ${language}`,
      run: () => updateUserSetting(vscode.workspace, vscode.ConfigurationTarget.Global, 'inlineEnable', withLanguage(toggle, language, !on)),
    });
  }
  if (deps.snooze.active) items.push({ label: '$(bell) Resume suggestions', description: `${deps.snooze.remainingMinutes} min left`, run: () => deps.snooze.resume() });
  for (const minutes of [5, 15, 60]) items.push({ label: `$(bell-slash) Snooze for ${minutes} minutes`, run: () => deps.snooze.snooze(minutes) });
  items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
  items.push({ label: '$(cloud-download) Download models…', run: () => vscode.commands.executeCommand('inkwell.downloadModels') });
  items.push({ label: '$(symbol-class) Select model…', run: () => vscode.commands.executeCommand('inkwell.selectModel') });
  items.push({ label: '$(beaker) Open Playground', run: () => vscode.commands.executeCommand('inkwell.openPlayground') });
  items.push({ label: '$(output) Open log', run: () => deps.log.show() });
  items.push({ label: '$(debug-restart) Restart model runner', run: () => vscode.commands.executeCommand('inkwell.restartRunner') });
  items.push({ label: '$(gear) Settings', run: () => vscode.commands.executeCommand('workbench.action.openSettings', '@ext:inkwell.inkwell') });
  const choice = await vscode.window.showQuickPick(items, { title: 'Inkwell' });
  await choice?.run?.();
}
