import type { Config } from '../../config';
import { runMapReduce, type MapReduceProgress } from '../../core/summarize/mapReduce';
import { Methods, type Task } from '../../protocol';
import { modelReady, planTokens, outputFor, type CommandDeps } from './commandDeps';
import type { WritingHooks } from './writingJob';
import { selectionOrDocument } from './selectionInput';
import { formatSummary } from '../../core/summarize/summaryFormat';
import { summarizeMessages } from '../../core/prompts/instructionPrompts';

/**
 * "Summarize Selection": map-reduce over parts that fit the model (no silent
 * truncation), with progress per part; the final summary streams into the output.
 */
export async function summarizeSelection(deps: CommandDeps): Promise<void> {
  const input = await selectionOrDocument('summarize');
  if (!input) return;
  const config = deps.config();
  const useInstruction = config.summarizeWith === 'instruction-model';
  const task: Task = useInstruction ? 'instruction' : 'summarization';
  const model = useInstruction ? config.instructionModel : config.summarizationModel;
  if (!(await modelReady(deps, task, model))) return;

  await deps.jobs.run({
    title: 'Inkwell: summarizing',
    ...outputFor(deps, input),
    run: async (hooks) => {
      hooks.report('loading the model…');
      // Plan with the model's own token count, keeping room for the prompt.
      const plan = await planTokens(deps, task, model, input.text, hooks.token);
      const budget = Math.floor(plan.limit * (useInstruction ? 0.6 : 0.9));
      const summarizePart = async (text: string, progress: MapReduceProgress): Promise<string> => {
        const final = progress.parts === 1 && (progress.phase === 'reduce' || progress.round === 0);
        if (progress.parts > 1) hooks.report(`${progress.phase === 'map' ? 'summarizing' : 'combining'} part ${progress.part} of ${progress.parts}`);
        else hooks.report('writing the summary…');
        return summarizeOnce(deps, text, useInstruction, config, final ? hooks : { ...hooks, onText: () => undefined });
      };
      const result = await runMapReduce(input.text, { budget, countTokens: plan.count }, summarizePart);
      deps.log.info(`summarize: ${result.calls} model call(s), ${result.rounds} reduce round(s)${result.converged ? '' : ' (did not converge)'}.`);
      return result.summary;
    },
  });
}

async function summarizeOnce(deps: CommandDeps, text: string, useInstruction: boolean, config: Config, hooks: WritingHooks): Promise<string> {
  if (useInstruction) {
    const result = await deps.client.stream(
      Methods.generate,
      { task: 'instruction', model: config.instructionModel, dtype: config.dtype, messages: summarizeMessages(text, config.summarizeStyle), maxNewTokens: 256, temperature: 0, repetitionPenalty: 1.1 },
      hooks.onText,
      hooks.token,
    );
    return result.text;
  }
  // An encoder-decoder model writes prose; the style is applied to its output, then streamed.
  const result = await deps.client.request(Methods.summarize, { model: config.summarizationModel, dtype: config.dtype, text, maxNewTokens: 200, minNewTokens: 20 }, hooks.token);
  const styled = formatSummary(result.text, config.summarizeStyle);
  hooks.onText(styled);
  return styled;
}
