/**
 * Token probabilities from an OpenAI-compatible server's `logprobs`, in both
 * shapes: `/completions` (`tokens`, `token_logprobs`, `top_logprobs` as maps)
 * and `/chat/completions` (`content: [{ token, logprob, top_logprobs: [...] }]`).
 * A choice without them gives [] (many servers ignore the field).
 */
import type { TokenAlternative, TokenConfidence } from '../../protocol';
import { fromLogprob } from './tokenConfidence';

const ALTERNATIVES = 5;

interface ChatLogprob {
  token?: unknown;
  logprob?: unknown;
  top_logprobs?: unknown;
}

export function logprobTokens(choice: unknown): TokenConfidence[] {
  const logprobs = (choice as { logprobs?: unknown } | null)?.logprobs;
  if (!logprobs || typeof logprobs !== 'object') return [];
  const { content, tokens, token_logprobs: tokenLogprobs, top_logprobs: top } = logprobs as Record<string, unknown>;
  if (Array.isArray(content)) return content.flatMap((entry: ChatLogprob) => chatToken(entry));
  if (!Array.isArray(tokens)) return [];
  return tokens.flatMap((token: unknown, i) => {
    if (typeof token !== 'string') return [];
    const probability = fromLogprob(Array.isArray(tokenLogprobs) ? (tokenLogprobs[i] as number | null) : undefined);
    const map = Array.isArray(top) ? (top[i] as Record<string, unknown> | null) : null;
    const alternatives = map && typeof map === 'object' ? ranked(Object.entries(map)) : [];
    return probability === undefined ? [] : [{ text: token, probability, alternatives }];
  });
}

function chatToken(entry: ChatLogprob): TokenConfidence[] {
  if (!entry || typeof entry.token !== 'string') return [];
  const probability = fromLogprob(entry.logprob as number | null);
  if (probability === undefined) return [];
  const top = Array.isArray(entry.top_logprobs) ? (entry.top_logprobs as ChatLogprob[]) : [];
  return [{ text: entry.token, probability, alternatives: ranked(top.map((alt) => [alt?.token, alt?.logprob])) }];
}

function ranked(pairs: [unknown, unknown][]): TokenAlternative[] {
  const out: TokenAlternative[] = [];
  for (const [text, logprob] of pairs) {
    const probability = fromLogprob(logprob as number | null);
    if (typeof text === 'string' && probability !== undefined) out.push({ text, probability });
  }
  return out.sort((a, b) => b.probability - a.probability).slice(0, ALTERNATIVES);
}
