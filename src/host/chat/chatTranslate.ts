/**
 * `@inkwell /translate <language>` with Inkwell's translation models, picked as
 * "Translate Selection" picks them (the configured model, an opus-mt pair, else
 * NLLB-200) for the languages Inkwell translates between. Markdown structure is
 * masked as in the command, and each passage streams in once translated. A
 * language Inkwell's translation models do not know is left to the instruction
 * model (the caller's fallback).
 */
import type * as vscode from 'vscode';
import type { ContextPiece } from '../../core/chat/chatPrompt';
import { reassemble, segmentForTranslation } from '../../core/translate/masking';
import { LANGUAGES, translationModelFor } from '../../core/translate/translationLanguages';
import { Methods } from '../../protocol';
import type { ChatAnswerDeps, ChatStreamLike } from './chatAnswer';

/** The code of a language Inkwell's translation models serve, from its name ("French") or code. */
export function translationLanguageCode(language: string): string | undefined {
  const wanted = language.trim().toLowerCase();
  return LANGUAGES.find((l) => l.code === wanted || l.name.toLowerCase() === wanted)?.code;
}

/**
 * Translates the pieces into `target` (a code) and streams the text; returns it, or
 * undefined when the translation models cannot serve it (the caller uses the
 * instruction model).
 */
export async function translateWithModels(deps: ChatAnswerDeps, pieces: readonly ContextPiece[], target: string, stream: ChatStreamLike, token: vscode.CancellationToken): Promise<string | undefined> {
  if (!deps.translationReady) return undefined;
  const config = deps.config();
  const text = pieces.map((p) => p.text).join('\n\n');
  const source = config.translateSource !== 'auto' ? config.translateSource : ((await deps.client.request(Methods.detectLanguage, { text }, token)).language ?? 'en');
  if (source === target) {
    stream.markdown(`The text already looks like ${LANGUAGES.find((l) => l.code === target)?.name ?? target}.`);
    return '';
  }
  const choice = translationModelFor(config.translationModel, source, target);
  if (!(await deps.translationReady(choice.model))) return undefined;
  stream.progress(`Translating with ${choice.model.split(/[\\/]/).pop()}…`);
  let output = '';
  for (const segment of segmentForTranslation(text)) {
    if (token.isCancellationRequested) break;
    let piece = segment.text;
    if (segment.kind === 'translate') {
      const params = { model: choice.model, dtype: config.dtype, text: segment.masked, srcLang: choice.srcLang, tgtLang: choice.tgtLang, maxNewTokens: Math.max(32, Math.ceil(segment.masked.length / 2)) };
      const result = await deps.client.request(Methods.translate, params, token);
      piece = reassemble([segment], [result.text]).text;
    }
    output += piece;
    stream.markdown(piece);
  }
  return output;
}
