/** The function, method or class around the cursor, from the language's document symbols: what Draft Documentation and chat's /draft document. */
import * as vscode from 'vscode';

const DOCUMENTED = new Set([vscode.SymbolKind.Function, vscode.SymbolKind.Method, vscode.SymbolKind.Constructor, vscode.SymbolKind.Class, vscode.SymbolKind.Interface, vscode.SymbolKind.Struct, vscode.SymbolKind.Enum]);

/** The innermost function, method or class around the cursor, from the language's symbol provider. */
export async function documentedSymbolAt(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Range | undefined> {
  const symbols = await vscode.commands.executeCommand<(vscode.DocumentSymbol | vscode.SymbolInformation)[] | undefined>('vscode.executeDocumentSymbolProvider', document.uri);
  let best: vscode.Range | undefined;
  const visit = (list: readonly (vscode.DocumentSymbol | vscode.SymbolInformation)[]) => {
    for (const symbol of list) {
      const range = 'range' in symbol ? symbol.range : symbol.location.range;
      if (!range.contains(position)) continue;
      if (DOCUMENTED.has(symbol.kind) && (!best || best.contains(range))) best = range;
      if ('children' in symbol) visit(symbol.children);
    }
  };
  visit(symbols ?? []);
  return best;
}
