import * as vscode from 'vscode';
import { LANGUAGES, languageByCode, translationModelFor } from '../../core/translate/translationLanguages';
import { reassemble, segmentForTranslation } from '../../core/translate/masking';
import { Methods } from '../../protocol';
import { selectionOrDocument } from './selectionInput';
import { modelReady, outputFor, type CommandDeps } from './commandDeps';

const RECENT_KEY = 'inkwell.translate.recentTargets';

export interface TranslateDeps extends CommandDeps {
  state: vscode.Memento;
}

/** The target language: the setting, or a quick pick with recent languages first. */
async function pickTarget(deps: TranslateDeps): Promise<string | undefined> {
  const configured = deps.config().translateTarget;
  if (configured && languageByCode(configured)) return configured.toLowerCase();
  const recent = deps.state.get<string[]>(RECENT_KEY, []);
  const ordered = [...recent.map((c) => languageByCode(c)).filter((l) => l !== undefined), ...LANGUAGES.filter((l) => !recent.includes(l.code))];
  const pick = await vscode.window.showQuickPick(
    ordered.map((l) => ({ label: l.name, description: l.code + (recent.includes(l.code) ? ' · recent' : ''), code: l.code })),
    { title: 'Inkwell: translate into…', matchOnDescription: true },
  );
  if (!pick) return undefined;
  await deps.state.update(RECENT_KEY, [pick.code, ...recent.filter((c) => c !== pick.code)].slice(0, 5));
  return pick.code;
}

/**
 * "Translate Selection": Markdown structure (code, URLs, link targets, front
 * matter, HTML, {placeholders}) never reaches the model; each passage streams
 * in as it is translated.
 */
export async function translateSelection(deps: TranslateDeps): Promise<void> {
  const input = await selectionOrDocument('translate');
  if (!input) return;
  const target = await pickTarget(deps);
  if (!target) return;
  const config = deps.config();
  const source = config.translateSource !== 'auto' ? config.translateSource : ((await deps.client.request(Methods.detectLanguage, { text: input.text })).language ?? 'en');
  if (source === target) {
    void vscode.window.showInformationMessage(`Inkwell: the text already looks like ${languageByCode(target)?.name ?? target}. Set "inkwell.translate.sourceLanguage" if that is wrong.`);
    return;
  }
  const choice = translationModelFor(config.translationModel, source, target);
  if (!(await modelReady(deps, 'translation', choice.model))) return;
  const segments = segmentForTranslation(input.text);
  const total = segments.filter((s) => s.kind === 'translate').length;
  let fallbacks = 0;

  await deps.jobs.run({
    title: `Inkwell: translating ${languageByCode(source)?.name ?? source} → ${languageByCode(target)?.name ?? target}`,
    ...outputFor(deps, input),
    run: async (hooks) => {
      let done = 0;
      let output = '';
      for (const segment of segments) {
        if (hooks.token.isCancellationRequested) break;
        if (segment.kind === 'verbatim') {
          output += segment.text;
          hooks.onText(segment.text);
          continue;
        }
        hooks.report(`passage ${++done} of ${total}`);
        const result = await deps.client.request(
          Methods.translate,
          { model: choice.model, dtype: config.dtype, text: segment.masked, srcLang: choice.srcLang, tgtLang: choice.tgtLang, maxNewTokens: Math.max(32, Math.ceil(segment.masked.length / 2)) },
          hooks.token,
        );
        const restored = reassemble([segment], [result.text]);
        fallbacks += restored.fallbacks.length;
        output += restored.text;
        hooks.onText(restored.text);
      }
      return output;
    },
  });
  if (fallbacks > 0) {
    void vscode.window.showWarningMessage(`Inkwell: ${fallbacks} of ${total} passages were left in the original language because the translation broke their code, links or placeholders.`);
  }
}
