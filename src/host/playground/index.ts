import * as vscode from 'vscode';
import { EditorTarget } from './editorTarget';
import { webviewOptions } from './playgroundHtml';
import { PLAYGROUND_VIEW_TYPE, PlaygroundPanel, type PanelDeps } from './playgroundPanel';

export type PlaygroundDeps = Omit<PanelDeps, 'editors'>;

/**
 * "Inkwell: Open Playground" (palette, status menu, editor context menu with the
 * selection as the prompt), and the serializer that brings the panel back after
 * a reload (its page restores its own state).
 */
export function registerPlayground(deps: PlaygroundDeps): vscode.Disposable {
  const editors = new EditorTarget();
  const panelDeps: PanelDeps = { ...deps, editors };
  let current: PlaygroundPanel | undefined;
  const adopt = (panel: PlaygroundPanel) => {
    current = panel;
    panel.onDidDispose(() => {
      if (current === panel) current = undefined;
    });
    return panel;
  };

  const open = () => {
    const prompt = editors.selectedText();
    if (current) {
      current.reveal(prompt);
      return;
    }
    const panel = vscode.window.createWebviewPanel(PLAYGROUND_VIEW_TYPE, 'Inkwell Playground', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, webviewOptions(deps.extensionUri));
    adopt(new PlaygroundPanel(panel, panelDeps, prompt));
  };

  return vscode.Disposable.from(
    editors,
    vscode.commands.registerCommand('inkwell.openPlayground', open),
    vscode.window.registerWebviewPanelSerializer(PLAYGROUND_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel) => {
        current?.dispose();
        adopt(new PlaygroundPanel(panel, panelDeps));
      },
    }),
    { dispose: () => current?.dispose() },
  );
}
