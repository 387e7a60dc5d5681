/**
 * Builds a post-processing context from a cursor-marker document.
 */
import { commentContextAt } from '../../../../../src/core/inline/commentContext';
import type { CompletionLength } from '../../../../../src/core/inline/completionLength';
import type { PostprocessContext } from '../../../../../src/core/inline/postprocess/types';
import { cursorDoc } from '../../cursorDoc';

/** `contextFor("// the ║", { languageId: 'typescript', length: 'line' })`. Defaults: markdown, paragraph. */
export function contextFor(source: string, options: { languageId?: string; length?: CompletionLength } = {}): PostprocessContext {
  const doc = cursorDoc(source);
  const languageId = options.languageId ?? 'markdown';
  return {
    prefix: doc.prefix,
    suffix: doc.suffix,
    length: options.length ?? 'paragraph',
    comment: commentContextAt(doc.text, doc.offset, languageId),
  };
}
