/**
 * The checks' findings per document, shown as Information diagnostics (source "Inkwell", a code
 * per check) in one DiagnosticCollection. Kept on their text while the document changes (shifted,
 * stale ones dropped, also for edits made while a check was running), filtered by "Ignore in this
 * document", and forgotten when the document closes.
 */
import * as vscode from 'vscode';
import { trackFindings } from '../../core/checks/findingTracker';
import { withoutIgnored, type Finding } from '../../core/checks/findings';
import type { TextChange } from '../../core/offsetTracking';

export const DIAGNOSTIC_SOURCE = 'Inkwell';

interface DocumentState {
  findings: Finding[];
  ignored: Set<string>;
  /** Change batches since a running check read the text (applied to its findings when they arrive). */
  pending?: TextChange[][];
}

export class CheckResults implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('inkwell-checks');
  private readonly documents = new Map<string, DocumentState>();
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.subscriptions = [
      vscode.workspace.onDidChangeTextDocument((e) => this.onChange(e)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
    ];
  }

  private state(uri: vscode.Uri): DocumentState {
    const key = uri.toString();
    let s = this.documents.get(key);
    if (!s) {
      s = { findings: [], ignored: new Set() };
      this.documents.set(key, s);
    }
    return s;
  }

  /** A check read the document now: edits from here on move its findings. */
  startTracking(uri: vscode.Uri): void {
    this.state(uri).pending = [];
  }

  /** A check's findings for the text it read (edits made since then are applied first). */
  set(document: vscode.TextDocument, findings: readonly Finding[]): void {
    const s = this.state(document.uri);
    let current = [...findings];
    for (const batch of s.pending ?? []) current = trackFindings(current, batch);
    s.pending = undefined;
    s.findings = current;
    this.show(document);
  }

  stopTracking(uri: vscode.Uri): void {
    const s = this.documents.get(uri.toString());
    if (s) s.pending = undefined;
  }

  findings(uri: vscode.Uri): readonly Finding[] {
    return this.documents.get(uri.toString())?.findings ?? [];
  }

  /** The finding a diagnostic shows (same code and range). */
  findingFor(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): Finding | undefined {
    const start = document.offsetAt(diagnostic.range.start);
    const end = document.offsetAt(diagnostic.range.end);
    return this.findings(document.uri).find((f) => f.code === diagnostic.code && f.start === start && f.end === end);
  }

  ignore(document: vscode.TextDocument, ignoreKey: string): void {
    this.state(document.uri).ignored.add(ignoreKey);
    this.show(document);
  }

  forget(uri: vscode.Uri): void {
    this.documents.delete(uri.toString());
    this.collection.delete(uri);
  }

  private onChange(e: vscode.TextDocumentChangeEvent): void {
    const s = this.documents.get(e.document.uri.toString());
    if (!s || e.contentChanges.length === 0) return;
    const changes = e.contentChanges.map((c) => ({ rangeOffset: c.rangeOffset, rangeLength: c.rangeLength, text: c.text }));
    s.pending?.push(changes);
    if (s.findings.length === 0) return;
    s.findings = trackFindings(s.findings, changes);
    this.show(e.document);
  }

  private show(document: vscode.TextDocument): void {
    const s = this.state(document.uri);
    const visible = withoutIgnored(s.findings, s.ignored);
    this.collection.set(
      document.uri,
      visible.map((f) => {
        const d = new vscode.Diagnostic(new vscode.Range(document.positionAt(f.start), document.positionAt(f.end)), f.message, vscode.DiagnosticSeverity.Information);
        d.source = DIAGNOSTIC_SOURCE;
        d.code = f.code;
        return d;
      }),
    );
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.collection.dispose();
    this.documents.clear();
  }
}
