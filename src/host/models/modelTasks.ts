/** Which setting holds each task's model, and how tasks are named in the UI. */
import type { SettingName } from '../../config';
import type { Task } from '../../protocol';

type ModelSetting = 'generationModel' | 'instructionModel' | 'summarizationModel' | 'translationModel' | 'sentimentModel' | 'toneModel' | 'entityModel';

export const MODEL_SETTING: Record<Task, SettingName & ModelSetting> = {
  'text-generation': 'generationModel',
  instruction: 'instructionModel',
  summarization: 'summarizationModel',
  translation: 'translationModel',
  'text-classification': 'sentimentModel',
  'zero-shot-classification': 'toneModel',
  'token-classification': 'entityModel',
};

export const TASK_LABEL: Record<Task, string> = {
  'text-generation': 'text suggestions and Continue Writing',
  instruction: 'writing commands',
  summarization: 'summaries',
  translation: 'translation',
  'text-classification': 'the tone check (sentiment)',
  'zero-shot-classification': 'the tone check (target tone)',
  'token-classification': 'the names check',
};

export const TASKS: Task[] = ['text-generation', 'instruction', 'summarization', 'translation', 'text-classification', 'zero-shot-classification', 'token-classification'];
