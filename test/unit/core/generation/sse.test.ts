import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DONE, SseLimitError, SseParser } from '../../../../src/core/generation/sse';

/** Feeds `chunks` one by one and collects every payload, including end(). */
function parse(chunks: string[]): { events: string[]; done: boolean } {
  const parser = new SseParser();
  const events = chunks.flatMap((c) => parser.push(c));
  events.push(...parser.end());
  return { events, done: parser.done };
}

const STREAM = 'data: {"a":1}\n\n: keep-alive\n\ndata: {"b":"x y"}\n\ndata: [DONE]\n\n';

describe('SSE data parser', () => {
  it('yields data payloads per event and stops at [DONE]', () => {
    assert.deepEqual(parse([STREAM]), { events: ['{"a":1}', '{"b":"x y"}'], done: true });
  });

  it('gives the same events however the text is split', () => {
    for (let size = 1; size <= 7; size++) {
      const chunks: string[] = [];
      for (let i = 0; i < STREAM.length; i += size) chunks.push(STREAM.slice(i, i + size));
      assert.deepEqual(parse(chunks).events, ['{"a":1}', '{"b":"x y"}'], `chunks of ${size}`);
    }
  });

  it('handles \\r\\n and \\r line endings, even a \\r\\n split between chunks', () => {
    assert.deepEqual(parse(['data: 1\r\n\r\ndata: 2\r\r']).events, ['1', '2']);
    assert.deepEqual(parse(['data: 1\r', '\n\r', '\ndata: 2\r\n', '\r\n']).events, ['1', '2']);
  });

  it('joins multi-line data with \\n and strips one space after the colon', () => {
    assert.deepEqual(parse(['data: one\ndata:two\ndata:  three\ndata\n\n']).events, ['one\ntwo\n three\n']);
  });

  it('ignores comments, other fields and blank lines without data', () => {
    assert.deepEqual(parse([': hello\nevent: message\nid: 4\nretry: 10\n\n\n\ndata: x\n\n']).events, ['x']);
  });

  it('keeps multi-byte characters that were decoded with stream: true', () => {
    const bytes = new TextEncoder().encode('data: {"t":"café ☕ 🙂"}\n\ndata: [DONE]\n\n');
    const decoder = new TextDecoder('utf-8');
    const parser = new SseParser();
    const events: string[] = [];
    for (let i = 0; i < bytes.length; i++) events.push(...parser.push(decoder.decode(bytes.subarray(i, i + 1), { stream: true })));
    assert.deepEqual(events, ['{"t":"café ☕ 🙂"}']);
    assert.equal(parser.done, true);
  });

  it('delivers a last event without its blank line, but drops a line cut in the middle', () => {
    assert.deepEqual(parse(['data: 1\n\ndata: 2\n']).events, ['1', '2']);
    assert.deepEqual(parse(['data: 1\n\ndata: {"cut']).events, ['1']);
    assert.deepEqual(parse(['data: 1\n\ndata: [DONE]\n']), { events: ['1'], done: true });
  });

  it('ignores events after [DONE] and a leading byte order mark', () => {
    assert.deepEqual(parse(['\uFEFFdata: 1\n\ndata:  [DONE] \n\ndata: 2\n\n']), { events: ['1'], done: true });
    assert.equal(DONE, '[DONE]');
  });

  it('a stream without [DONE] is not done', () => {
    assert.equal(parse(['data: 1\n\n']).done, false);
  });
});

describe('SSE limits', () => {
  it('a line that never ends fails past the limit, however it is split', () => {
    const parser = new SseParser({ maxEventChars: 1000 });
    assert.deepEqual(parser.push('data: 1\n\n'), ['1']);
    assert.throws(() => {
      for (let i = 0; i < 100; i++) parser.push('data: xxxxxxxxxx'.slice(i === 0 ? 0 : 6));
    }, (err: unknown) => err instanceof SseLimitError && /grew past 1 KB/.test(err.message));
    assert.throws(() => parser.push('\n\n'), SseLimitError);
  });

  it('an event of many short lines that never ends fails past the limit', () => {
    const parser = new SseParser({ maxEventChars: 1000 });
    assert.throws(() => {
      for (let i = 0; i < 200; i++) parser.push('data: 0123456789\n');
    }, SseLimitError);
  });

  it('events under the limit pass, and comments are counted, not delivered', () => {
    const parser = new SseParser({ maxEventChars: 1000 });
    const events: string[] = [];
    for (let i = 0; i < 500; i++) events.push(...parser.push(`: keep-alive\n\ndata: ${'y'.repeat(900)}\n\n`));
    assert.equal(events.length, 500);
    assert.equal(parser.comments, 500);
  });
});
