/**
 * Keeps a completion inside the comment or docstring the cursor is in: a line comment
 * ends at the end of the line; a block comment or docstring ends before its closing
 * delimiter (which is not emitted); continuation lines get the comment's line prefix
 * (` * `, indentation) when the model left it out; a doc line comment (`///`) ends at
 * the first line that is not one.
 */
import type { CommentContext } from '../commentContext';
import { eolOf, isBlankLine, lineBreakAt, splitLinesKeepEol, stripEol } from './lines';
import type { PostprocessFilter } from './types';

function continuationLine(content: string, comment: CommentContext): string | undefined {
  const prefix = comment.linePrefix;
  const token = prefix.trim();
  const trimmed = content.trimStart();
  if (comment.close === undefined) {
    // `///` docs: a line without the token is code; the comment is over.
    return token !== '' && trimmed.startsWith(token) ? content : undefined;
  }
  if (token !== '') {
    if (trimmed.startsWith(token)) return content;
    return trimmed === '' ? prefix.trimEnd() : prefix + trimmed;
  }
  // Indentation-only prefix (Python docstrings).
  if (trimmed === '' || content.startsWith(prefix)) return content;
  return prefix + trimmed;
}

function continueLines(text: string, comment: CommentContext): string {
  const [first, ...rest] = splitLinesKeepEol(text);
  const out = [first ?? ''];
  for (const line of rest) {
    const content = continuationLine(stripEol(line), comment);
    if (content === undefined) break;
    out.push(content + eolOf(line));
  }
  // Lines holding nothing but ` *` or `///` at the end are noise.
  while (out.length > 1 && isBlankLine(out[out.length - 1], comment)) out.pop();
  return out.join('');
}

/** See the module comment. Outside comments the completion is returned unchanged. */
export const stopInComment: PostprocessFilter = (completion, ctx) => {
  const comment = ctx.comment;
  if (!comment) return completion;
  if (comment.kind === 'line') return completion.slice(0, lineBreakAt(completion));
  let text = completion;
  if (comment.close !== undefined) {
    const at = text.indexOf(comment.close);
    if (at !== -1) text = text.slice(0, at);
  }
  return continueLines(text, comment);
};
