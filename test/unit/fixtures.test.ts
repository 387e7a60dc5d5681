// The generated fixture models, loaded and run by the real transformers.js + onnxruntime-node.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import {
  AutoModelForCausalLM,
  AutoModelForSeq2SeqLM,
  AutoTokenizer,
  DynamicCache,
  env,
  pipeline,
  type PreTrainedModel,
  type PreTrainedTokenizer,
  Tensor,
} from '@huggingface/transformers';
import { ensureFixture, ensureFixtureSync, FIXTURES_DIR } from '../fixtures/generate';

env.allowRemoteModels = false;
env.localModelPath = FIXTURES_DIR;

const PROMPT = 'The quick brown fox jumps over the lazy dog, and the';
const READABLE = /^[\x20-\x7e\n\t]*$/;

function ids(t: Tensor): number[] {
  return Array.from(t.data as BigInt64Array, Number);
}

function argmaxLast(logits: Tensor): number {
  const [, seq, vocab] = logits.dims;
  const data = logits.data as Float32Array;
  let best = 0;
  for (let v = 1; v < vocab; v++) if (data[(seq - 1) * vocab + v] > data[(seq - 1) * vocab + best]) best = v;
  return best;
}

async function greedy(model: PreTrainedModel, inputs: Record<string, unknown>, n: number, extra: Record<string, unknown> = {}): Promise<number[]> {
  const out = (await model.generate({ ...inputs, max_new_tokens: n, min_new_tokens: n, do_sample: false, ...extra })) as Tensor;
  return ids(out);
}

describe('fixture generator', () => {
  it('reuses a current fixture instead of regenerating it', async () => {
    const dir = await ensureFixture('tiny-llama');
    assert.equal(dir, path.join(FIXTURES_DIR, 'tiny-llama'));
    const before = fs.statSync(path.join(dir, 'onnx', 'model.onnx')).mtimeMs;
    const again = ensureFixtureSync('tiny-llama');
    assert.equal(again.generated, false);
    assert.equal(fs.statSync(path.join(dir, 'onnx', 'model.onnx')).mtimeMs, before);
  });

  it('writes the Hugging Face folder layout', async () => {
    const dir = await ensureFixture('tiny-llama');
    for (const f of ['config.json', 'generation_config.json', 'tokenizer.json', 'tokenizer_config.json', 'special_tokens_map.json', 'onnx/model.onnx', 'onnx/model_quantized.onnx', 'onnx/model_q4.onnx']) {
      assert.ok(fs.existsSync(path.join(dir, f)), f);
    }
    const config = JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8'));
    const tokenizer = JSON.parse(fs.readFileSync(path.join(dir, 'tokenizer.json'), 'utf8'));
    assert.equal(Object.keys(tokenizer.model.vocab).length, config.vocab_size);
  });
});

describe('tiny-llama with transformers.js', () => {
  let tokenizer: PreTrainedTokenizer;
  let model: PreTrainedModel;

  before(async () => {
    await ensureFixture('tiny-llama');
    tokenizer = await AutoTokenizer.from_pretrained('tiny-llama');
    model = await AutoModelForCausalLM.from_pretrained('tiny-llama', { dtype: 'fp32' });
  });

  for (const dtype of ['fp32', 'q8', 'q4'] as const) {
    it(`generates readable, deterministic text (${dtype})`, async () => {
      const generator = await pipeline('text-generation', 'tiny-llama', { dtype });
      const run = async () => {
        const [out] = (await generator(PROMPT, { max_new_tokens: 24, min_new_tokens: 24, do_sample: false, return_full_text: false })) as { generated_text: string }[];
        return out.generated_text;
      };
      const first = await run();
      assert.equal(await run(), first);
      assert.match(first, READABLE);
      assert.ok(new Set(first.trim().split(/\s+/)).size >= 4, `too repetitive: ${JSON.stringify(first)}`);
      await generator.dispose();
    });
  }

  it('accepts an absolute folder path as the model id', async () => {
    const dir = await ensureFixture('tiny-llama');
    const byPath = await AutoModelForCausalLM.from_pretrained(dir, { dtype: 'q8' });
    assert.equal(byPath.config.model_type, 'llama');
    await byPath.dispose();
  });

  it('gives the same greedy tokens with the KV cache as with full recomputation', async () => {
    const inputs = tokenizer(PROMPT);
    const cached = await greedy(model, inputs, 16);
    const seq = ids(inputs.input_ids as Tensor);
    while (seq.length < cached.length) {
      const input_ids = new Tensor('int64', BigInt64Array.from(seq.map(BigInt)), [1, seq.length]);
      const attention_mask = new Tensor('int64', new BigInt64Array(seq.length).fill(1n), [1, seq.length]);
      const { logits } = (await model({ input_ids, attention_mask })) as { logits: Tensor };
      seq.push(argmaxLast(logits));
    }
    assert.deepEqual(cached, seq);
  });

  it('continues from a DynamicCache passed to generate()', async () => {
    const inputs = tokenizer(PROMPT);
    const promptLength = (inputs.input_ids as Tensor).dims[1];
    const reference = await greedy(model, inputs, 12);

    const cache = new DynamicCache();
    const firstPart = await greedy(model, inputs, 6, { past_key_values: cache });
    assert.equal(cache.get_seq_length(), promptLength + 6 - 1); // the last token is not fed yet
    const input_ids = new Tensor('int64', BigInt64Array.from(firstPart.map(BigInt)), [1, firstPart.length]);
    const attention_mask = new Tensor('int64', new BigInt64Array(firstPart.length).fill(1n), [1, firstPart.length]);
    const rest = await greedy(model, { input_ids, attention_mask }, 6, { past_key_values: cache });
    assert.deepEqual(rest, reference);
    assert.equal(cache.get_seq_length(), promptLength + 12 - 1);
  });

  it('handles left padding in a batch like separate runs', async () => {
    const prompts = [PROMPT, 'Hello'];
    tokenizer.padding_side = 'left';
    const batch = await greedy(model, tokenizer(prompts, { padding: true }), 8);
    const width = batch.length / 2;
    for (const [i, prompt] of prompts.entries()) {
      const alone = await greedy(model, tokenizer(prompt), 8);
      assert.deepEqual(batch.slice((i + 1) * width - 8, (i + 1) * width), alone.slice(-8), prompt);
    }
  });

  it('applies the ChatML chat template', async () => {
    const text = tokenizer.apply_chat_template(
      [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hello there' },
      ],
      { tokenize: false, add_generation_prompt: true },
    );
    assert.equal(text, '<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHello there<|im_end|>\n<|im_start|>assistant\n');
    const generator = await pipeline('text-generation', 'tiny-llama', { dtype: 'fp32' });
    const [out] = (await generator([{ role: 'user', content: 'Hello there' }], { max_new_tokens: 8, min_new_tokens: 8, do_sample: false })) as { generated_text: { role: string; content: string }[] }[];
    const reply = out.generated_text.at(-1);
    assert.equal(reply?.role, 'assistant');
    assert.ok((reply?.content ?? '').length > 0);
    await generator.dispose();
  });
});

describe('tiny-bart with transformers.js', () => {
  const TEXT = 'The quick brown fox jumps over the lazy dog. It was a sunny day, and the children played in the park.';

  before(async () => {
    await ensureFixture('tiny-bart');
  });

  for (const dtype of ['fp32', 'q8'] as const) {
    it(`summarizes and translates (${dtype})`, async () => {
      const summarizer = await pipeline('summarization', 'tiny-bart', { dtype });
      const [summary] = (await summarizer(TEXT, { max_new_tokens: 16 })) as { summary_text: string }[];
      assert.ok(summary.summary_text.trim().length > 0);
      assert.match(summary.summary_text, READABLE);
      await summarizer.dispose();

      const translator = await pipeline('translation', 'tiny-bart', { dtype });
      const out = (await translator([TEXT, 'Hello'], { max_new_tokens: 16 })) as { translation_text: string }[];
      assert.equal(out.length, 2);
      for (const t of out) assert.ok(t.translation_text.trim().length > 0);
      await translator.dispose();
    });
  }

  it('gives the same greedy tokens with the merged decoder cache as without it', async () => {
    const tokenizer = await AutoTokenizer.from_pretrained('tiny-bart');
    const model = await AutoModelForSeq2SeqLM.from_pretrained('tiny-bart', { dtype: 'fp32' });
    const inputs = tokenizer(TEXT);
    const plain = { forced_bos_token_id: null, forced_eos_token_id: null, no_repeat_ngram_size: 0 };
    const cached = await greedy(model, inputs, 12, plain);
    const decoder = [2]; // decoder_start_token_id
    while (decoder.length < cached.length) {
      const decoder_input_ids = new Tensor('int64', BigInt64Array.from(decoder.map(BigInt)), [1, decoder.length]);
      const { logits } = (await model({ ...inputs, decoder_input_ids })) as { logits: Tensor };
      decoder.push(argmaxLast(logits));
    }
    assert.deepEqual(cached, decoder);
    await model.dispose();
  });
});
