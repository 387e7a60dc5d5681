import { formatStopField, LIMITS, parseStopField, type ModelOption, type PaneSettings } from '../core/playgroundMessages';

/** Builds one settings fieldset ("Settings A"/"B") and reads it back. */
export class SettingsForm {
  readonly element: HTMLFieldSetElement;
  private readonly model: HTMLSelectElement;
  private readonly inputs: Record<'temperature' | 'topP' | 'topK' | 'maxNewTokens' | 'sequences' | 'seed', HTMLInputElement>;
  private readonly stop: HTMLInputElement;

  constructor(
    private readonly index: number,
    onChange: () => void,
  ) {
    this.element = document.createElement('fieldset');
    this.element.className = 'settings';
    const legend = document.createElement('legend');
    legend.textContent = `Settings ${'AB'[index]}`;
    this.element.append(legend);
    this.model = document.createElement('select');
    this.field('Model', this.model, 'model');
    this.inputs = {
      temperature: this.number('Temperature', 'temperature', LIMITS.temperature, 0.05),
      topP: this.number('Top-p', 'top-p', LIMITS.topP, 0.01),
      topK: this.number('Top-k (0: all)', 'top-k', LIMITS.topK, 1),
      maxNewTokens: this.number('Max new tokens', 'max-new-tokens', LIMITS.maxNewTokens, 1),
      sequences: this.number('Sequences', 'sequences', LIMITS.sequences, 1),
      seed: this.number('Seed (empty: random)', 'seed', LIMITS.seed, 1),
    };
    this.stop = document.createElement('input');
    this.stop.type = 'text';
    this.stop.placeholder = 'e.g. \\n\\n, END';
    this.field('Stop strings (comma-separated; \\n, \\,)', this.stop, 'stop');
    this.element.addEventListener('input', onChange);
  }

  setModels(models: ModelOption[]): void {
    const selected = this.model.value;
    this.model.replaceChildren(
      ...models.map((m) => {
        const option = document.createElement('option');
        option.value = m.id;
        option.textContent = m.label;
        option.title = m.detail;
        return option;
      }),
    );
    if (selected) this.model.value = selected;
  }

  set(settings: PaneSettings): void {
    this.model.value = settings.model;
    this.inputs.temperature.value = String(settings.temperature);
    this.inputs.topP.value = String(settings.topP);
    this.inputs.topK.value = String(settings.topK);
    this.inputs.maxNewTokens.value = String(settings.maxNewTokens);
    this.inputs.sequences.value = String(settings.sequences);
    this.inputs.seed.value = settings.seed === undefined ? '' : String(settings.seed);
    this.stop.value = formatStopField(settings.stop);
  }

  /** The settings as typed (the host checks the ranges and answers with a notice). */
  get(): PaneSettings {
    const num = (input: HTMLInputElement) => (input.value.trim() === '' ? NaN : Number(input.value));
    const seed = this.inputs.seed.value.trim();
    return {
      model: this.model.value === 'instruction' ? 'instruction' : 'generation',
      temperature: num(this.inputs.temperature),
      topP: num(this.inputs.topP),
      topK: num(this.inputs.topK),
      maxNewTokens: num(this.inputs.maxNewTokens),
      sequences: num(this.inputs.sequences),
      ...(seed ? { seed: Number(seed) } : {}),
      stop: parseStopField(this.stop.value),
    };
  }

  private number(label: string, name: string, range: { min: number; max: number }, step: number): HTMLInputElement {
    const input = document.createElement('input');
    input.type = 'number';
    input.min = String(range.min);
    input.max = String(range.max);
    input.step = String(step);
    this.field(label, input, name);
    return input;
  }

  private field(label: string, control: HTMLInputElement | HTMLSelectElement, name: string): void {
    const id = `${name}-${this.index}`;
    control.id = id;
    control.name = name;
    const wrapper = document.createElement('div');
    wrapper.className = 'field';
    const text = document.createElement('label');
    text.htmlFor = id;
    text.textContent = label;
    wrapper.append(text, control);
    this.element.append(wrapper);
  }
}
