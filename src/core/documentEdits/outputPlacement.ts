/**
 * Where a writing job's text goes, decided without VS Code: Continue Writing
 * writes at the cursor; Summarize, Translate, Rewrite and drafted sections
 * below the text or in its place (`inkwell.output`); a doc comment in its own
 * region. A document that is read-only or changed since the job read it gets
 * a side document (or, at the cursor, nothing: the position is stale).
 */
import type { Eol } from './lineEndings';
import type { RevertOutcome, WriterStop } from './streamWriter';

export type OutputMode = 'below' | 'replace' | 'side' | 'clipboard';
/** `cursor`: insert at a point (Continue Writing); `region`: replace a region with the finished text (a doc comment). */
export type JobTarget = 'cursor' | 'region' | OutputMode;

export interface PlacementFacts {
  target: JobTarget;
  readOnly: boolean;
  closed: boolean;
  /** The document changed since the job read its text and position (a download, a dialog, typing came first). */
  changedSinceRead: boolean;
}

export type Placement = { kind: 'write'; target: JobTarget; notice?: string } | { kind: 'abort'; message: string };

const inDocument = (target: JobTarget): boolean => target === 'cursor' || target === 'region' || target === 'below' || target === 'replace';

export function placeOutput(facts: PlacementFacts): Placement {
  const { target } = facts;
  if (!inDocument(target)) return { kind: 'write', target };
  if (facts.closed) return { kind: 'abort', message: 'Inkwell: the document was closed, so nothing was written.' };
  if (target === 'cursor') {
    if (facts.readOnly) return { kind: 'abort', message: 'Inkwell: this document is read-only, so Continue Writing cannot write in it.' };
    if (facts.changedSinceRead) {
      return { kind: 'abort', message: 'Inkwell: the document changed while the model was being prepared, so nothing was written. Put the cursor where the text should continue and run Continue Writing again.' };
    }
    return { kind: 'write', target };
  }
  if (facts.readOnly) return { kind: 'write', target: 'side', notice: 'Inkwell: the document is read-only, so the result goes to a side document.' };
  if (facts.changedSinceRead) return { kind: 'write', target: 'side', notice: 'Inkwell: the document changed since the command read it, so the result goes to a side document.' };
  return { kind: 'write', target };
}

/** What happens when writing into the document stops early: keep going in a side document, or stop. */
export function afterStop(target: JobTarget, why: WriterStop): 'side' | 'stop' {
  if (why === 'closed' || target === 'cursor') return 'stop';
  return 'side';
}

/** The warning shown when writing into the document stops early. */
export function stopMessage(target: JobTarget, why: WriterStop): string {
  if (why === 'closed') return 'Inkwell stopped writing because the document was closed.';
  if (target === 'cursor') {
    return why === 'conflict'
      ? 'Inkwell stopped writing because the text it was writing was edited. Your edit was kept.'
      : 'Inkwell stopped writing because the editor kept refusing its edits (the document kept changing). The text written so far stays.';
  }
  return why === 'conflict'
    ? 'You edited the text Inkwell was writing, so it stopped writing there and put the whole draft in a side document. Your edit was kept.'
    : 'The editor kept refusing Inkwell\'s edits (the document kept changing), so the whole draft is in a side document.';
}

/** A message after Cancel or an error, when the document could not simply be put back; undefined when it was. */
export function revertMessage(outcome: RevertOutcome): string | undefined {
  if (outcome === 'kept-user-edit') return 'Inkwell: you edited the text it was writing, so that text was left in place with your edit.';
  if (outcome === 'failed') return 'Inkwell could not remove the text it wrote because the document kept changing. Use Undo to remove it.';
  return undefined;
}

export interface BelowFormat {
  /** Put before every line of the output: "> " in Markdown, a line comment in code, the indent elsewhere. */
  prefix: string;
  /** Between the text read and the output. */
  separator: string;
}

/** How `below` output looks, from the language, the first line's indent and the line comment token (if any). */
export function belowFormat(languageId: string, indent: string, eol: Eol, lineComment: string | undefined, plain = false): BelowFormat {
  if (plain) return { prefix: '', separator: eol + eol };
  if (languageId === 'markdown') return { prefix: `${indent}> `, separator: eol + eol };
  if (lineComment) return { prefix: `${indent}${lineComment} `, separator: eol };
  return { prefix: indent, separator: eol + eol };
}
