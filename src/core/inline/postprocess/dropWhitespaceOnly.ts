/**
 * Drops a completion with nothing but whitespace in it (or nothing at all).
 */
import type { PostprocessFilter } from './types';

/** Null for empty or whitespace-only completions. */
export const dropWhitespaceOnly: PostprocessFilter = (completion) => (completion.trim() === '' ? null : completion);
