/** Which setting holds each task's model, and how tasks are named in the UI. */
import type { SettingName } from '../../config';
import type { Task } from '../../protocol';

export const MODEL_SETTING: Record<Task, SettingName & ('generationModel' | 'instructionModel' | 'summarizationModel' | 'translationModel')> = {
  'text-generation': 'generationModel',
  instruction: 'instructionModel',
  summarization: 'summarizationModel',
  translation: 'translationModel',
};

export const TASK_LABEL: Record<Task, string> = {
  'text-generation': 'text suggestions and Continue Writing',
  instruction: 'writing commands',
  summarization: 'summaries',
  translation: 'translation',
};

export const TASKS: Task[] = ['text-generation', 'instruction', 'summarization', 'translation'];
