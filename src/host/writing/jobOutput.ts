import * as vscode from 'vscode';
import { commentSyntax } from '../../core/languages';
import { LinePrefixStream } from '../../core/text/linePrefixStream';
import { belowFormat, type JobTarget } from '../../core/documentEdits/outputPlacement';
import type { RevertOutcome, WriterStop } from '../../core/documentEdits/streamWriter';
import { DocumentStream, documentEol } from '../documentStream';

/** Where a writing job's text goes while it is generated. */
export interface JobOutput {
  /** Appends generated text (formatted here: a blockquote or comment prefix for `below`). */
  write(text: string): void;
  /** Called when the job completes with its whole text; returns where the text ended up. */
  finish(fullText: string): Promise<string>;
  /** Puts the document back exactly as it was before the job. */
  revert(): Promise<RevertOutcome>;
  /** Fires once if writing into the document stops early. */
  onStop(listener: (why: WriterStop) => void): void;
  dispose(): void;
}

export interface OutputSpec {
  editor: vscode.TextEditor;
  /** The text the job read (`below` writes after its last line; `replace` and `region` over it); empty at the cursor for `cursor`. */
  range: vscode.Range;
  target: JobTarget;
  /** `below` as plain paragraphs (a drafted section), not a quote or comment. */
  plain?: boolean;
  /** For `region`: the text to write, made from the whole answer (a doc comment). */
  finalText?: (full: string) => string;
}

/** Streams into a new untitled document beside the editor. */
export async function sideOutput(languageId: string, finalText?: (full: string) => string): Promise<JobOutput> {
  const document = await vscode.workspace.openTextDocument({ language: languageId, content: '' });
  const editor = await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: false, preserveFocus: true });
  const stream = new DocumentStream(editor, new vscode.Range(0, 0, 0, 0));
  return {
    write: (text) => !finalText && stream.writer.append(text),
    finish: async (full) => {
      if (finalText) stream.writer.append(finalText(full));
      await stream.writer.finish();
      return 'a side document';
    },
    revert: async () => 'restored',
    onStop: () => undefined,
    dispose: () => stream.dispose(),
  };
}

export function clipboardOutput(finalText?: (full: string) => string): JobOutput {
  let text = '';
  return {
    write: (piece) => (text += piece),
    finish: async (full) => {
      await vscode.env.clipboard.writeText(finalText ? finalText(full) : full || text);
      return 'the clipboard';
    },
    revert: async () => 'restored',
    onStop: () => undefined,
    dispose: () => undefined,
  };
}

/** Streams into the document: at the cursor, after the range's last line (`below`), or in its place (`replace`, `region`). One undo step. */
export function documentOutput(spec: OutputSpec): JobOutput {
  const { editor, target } = spec;
  const document = editor.document;
  const eol = documentEol(document);
  const lineEnd = document.lineAt(spec.range.end.line).range.end;
  const indent = /^\s*/.exec(document.lineAt(spec.range.start.line).text)?.[0] ?? '';
  const below = belowFormat(document.languageId, indent, eol, commentSyntax(document.languageId)?.line[0], spec.plain);
  const formatter = target === 'below' && below.prefix ? new LinePrefixStream(below.prefix, eol) : undefined;
  const stream = new DocumentStream(editor, target === 'below' ? new vscode.Range(lineEnd, lineEnd) : spec.range);
  let started = false;
  const write = (text: string): void => {
    if (!started && target === 'below') stream.writer.append(below.separator);
    started = true;
    stream.writer.append(formatter ? formatter.push(text) : text);
  };
  return {
    write: (text) => !spec.finalText && write(text),
    finish: async (full) => {
      if (spec.finalText) write(spec.finalText(full));
      await stream.writer.finish();
      return 'the document';
    },
    revert: () => stream.writer.revert(),
    onStop: (listener) => stream.writer.onStop(listener),
    dispose: () => stream.dispose(),
  };
}
