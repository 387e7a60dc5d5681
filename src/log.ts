import * as vscode from 'vscode';

/** The one output channel, "Inkwell", with log levels (Developer: Set Log Level applies). */
export function createLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel('Inkwell', { log: true });
}
