import * as vscode from 'vscode';
import { chunkText } from '../../core/chunking/chunker';
import { rewriteMessages, type RewriteKind } from '../../core/prompts/instructionPrompts';
import { Methods } from '../../protocol';
import { selectionOrDocument } from './selectionInput';
import { modelReady, planTokens, outputFor, type CommandDeps } from './commandDeps';

const KINDS: { label: string; rewrite: RewriteKind }[] = [
  { label: '$(lightbulb) Improve clarity', rewrite: 'clarity' },
  { label: '$(fold) Shorten', rewrite: 'shorten' },
  { label: '$(briefcase) Make formal', rewrite: 'formal' },
  { label: '$(smiley) Make friendly', rewrite: 'friendly' },
  { label: '$(check) Fix grammar and spelling', rewrite: 'grammar' },
];

async function pickInstruction(): Promise<RewriteKind | { custom: string } | undefined> {
  const pick = await vscode.window.showQuickPick([...KINDS, { label: '$(edit) Custom instruction…', rewrite: undefined }], { title: 'Inkwell: rewrite the selection to…' });
  if (!pick) return undefined;
  if (pick.rewrite) return pick.rewrite;
  const custom = await vscode.window.showInputBox({ title: 'Inkwell: how should the text change?', placeHolder: 'e.g. "use British spelling" or "explain it to a beginner"' });
  return custom?.trim() ? { custom: custom.trim() } : undefined;
}

/** A rewrite chosen by a caller (the writing checks' quick fixes) instead of from the quick pick. */
export interface RewriteRequest {
  instruction: RewriteKind | { custom: string };
  /** Where the result goes (default: `inkwell.output`). */
  target?: 'replace';
}

/** Command arguments are whatever a menu passes (a URI from a context menu): only a real request counts. */
function asRequest(arg: unknown): RewriteRequest | undefined {
  const instruction = (arg as Partial<RewriteRequest> | undefined)?.instruction;
  return typeof instruction === 'string' || (typeof instruction === 'object' && typeof instruction?.custom === 'string') ? (arg as RewriteRequest) : undefined;
}

/** "Rewrite Selection…": an instruction model rewrites the text part by part (parts that fit its context), streamed. */
export async function rewriteSelection(deps: CommandDeps, arg?: unknown): Promise<void> {
  const request = asRequest(arg);
  const input = await selectionOrDocument('rewrite');
  if (!input) return;
  const instruction = request?.instruction ?? (await pickInstruction());
  if (!instruction) return;
  const config = deps.config();
  const ref = { model: config.instructionModel, dtype: config.dtype };
  if (!(await modelReady(deps, 'instruction', ref.model))) return;
  await deps.jobs.run({
    title: 'Inkwell: rewriting',
    ...outputFor(deps, input),
    ...(request?.target ? { target: request.target } : {}),
    run: async (hooks) => {
      hooks.report('loading the model…');
      const plan = await planTokens(deps, 'instruction', ref.model, input.text, hooks.token);
      // Input and output share the context: give each part under half of it.
      const parts = chunkText(input.text, Math.floor(plan.limit * 0.4), plan.count);
      let output = '';
      for (const [i, part] of parts.entries()) {
        if (hooks.token.isCancellationRequested) break;
        hooks.report(parts.length > 1 ? `part ${i + 1} of ${parts.length}` : 'writing…');
        const gap = i > 0 ? input.text.slice(parts[i - 1]!.end, part.start) : '';
        output += gap;
        hooks.onText(gap);
        const result = await deps.client.stream(
          Methods.generate,
          { ...ref, task: 'instruction', messages: rewriteMessages(instruction, part.text), maxNewTokens: Math.min(2048, Math.ceil(plan.count(part.text) * 2 + 32)), temperature: 0, repetitionPenalty: 1.05 },
          hooks.onText,
          hooks.token,
        );
        output += result.text;
      }
      return output;
    },
  });
}
