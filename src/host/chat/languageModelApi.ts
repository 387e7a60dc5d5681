/**
 * The parts of VS Code's language-model provider API (finalized in 1.104) that
 * Inkwell uses, typed here because the engine floor (^1.90) and its
 * @types/vscode predate it. Detected at run time: older versions skip it.
 */
import type * as vscode from 'vscode';

/** `LanguageModelChatInformation`: one model in the chat's model picker. */
export interface LanguageModelInfo {
  readonly id: string;
  readonly name: string;
  readonly family: string;
  readonly version: string;
  readonly maxInputTokens: number;
  readonly maxOutputTokens: number;
  readonly tooltip?: string;
  readonly detail?: string;
  readonly capabilities: { readonly imageInput?: boolean; readonly toolCalling?: boolean | number };
}

/** `LanguageModelChatRequestMessage`: role 1 user, 2 assistant (3 system, proposed); content parts, text parts carry `value`. */
export interface LanguageModelRequestMessage {
  readonly role: number;
  readonly content: readonly unknown[];
  readonly name: string | undefined;
}

/** `LanguageModelChatProvider`. */
export interface LanguageModelProvider<T extends LanguageModelInfo = LanguageModelInfo> {
  readonly onDidChangeLanguageModelChatInformation?: vscode.Event<void>;
  provideLanguageModelChatInformation(options: { readonly silent: boolean }, token: vscode.CancellationToken): vscode.ProviderResult<T[]>;
  provideLanguageModelChatResponse(model: T, messages: readonly LanguageModelRequestMessage[], options: unknown, progress: vscode.Progress<unknown>, token: vscode.CancellationToken): Thenable<void>;
  provideTokenCount(model: T, text: string | LanguageModelRequestMessage, token: vscode.CancellationToken): Thenable<number>;
}

export interface LanguageModelApi {
  register(vendor: string, provider: LanguageModelProvider): vscode.Disposable;
  /** `new LanguageModelTextPart(value)`: a streamed piece of the answer. */
  textPart(value: string): unknown;
}

/** VS Code 1.104 or later (earlier versions had a proposed API of the same name that throws for extensions). */
export function versionAtLeast(version: string, major: number, minor: number): boolean {
  const [a = 0, b = 0] = version.split('.').map((n) => Number.parseInt(n, 10));
  return a > major || (a === major && b >= minor);
}

/** The finalized API, or undefined where this VS Code lacks it. */
export function languageModelApi(api: typeof vscode): LanguageModelApi | undefined {
  const lm = (api as { lm?: { registerLanguageModelChatProvider?: unknown } }).lm;
  const TextPart = (api as { LanguageModelTextPart?: unknown }).LanguageModelTextPart;
  const register = lm?.registerLanguageModelChatProvider;
  if (!versionAtLeast(api.version, 1, 104) || typeof register !== 'function' || typeof TextPart !== 'function') return undefined;
  const registerFn = register as (vendor: string, provider: LanguageModelProvider) => vscode.Disposable;
  const TextPartClass = TextPart as new (value: string) => unknown;
  return { register: (vendor, provider) => registerFn.call(lm, vendor, provider), textPart: (value) => new TextPartClass(value) };
}

/** The text of a request message (text parts only; tool calls and images are not for Inkwell's models). */
export function messageText(message: LanguageModelRequestMessage): string {
  return message.content.map((part) => (typeof (part as { value?: unknown }).value === 'string' ? (part as { value: string }).value : '')).join('');
}

export function messageRole(role: number): 'user' | 'assistant' | 'system' {
  if (role === 2) return 'assistant';
  if (role === 3) return 'system';
  return 'user';
}
