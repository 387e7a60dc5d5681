import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CompletionLength } from '../../../../../src/core/inline/completionLength';
import { stopAtLength } from '../../../../../src/core/inline/postprocess/stopAtLength';
import { contextFor } from './contextFor';

const cut = (length: CompletionLength, doc: string, completion: string, languageId?: string) =>
  stopAtLength(completion, contextFor(doc, { length, ...(languageId ? { languageId } : {}) }));

describe('word', () => {
  test('the first word, keeping a leading space', () => {
    assert.equal(cut('word', 'The quick ║', 'brown fox jumps'), 'brown');
    assert.equal(cut('word', 'The quick║', ' brown fox'), ' brown');
    assert.equal(cut('word', 'Well║', ', and then'), ',');
  });

  test('punctuation attached to the word stays', () => {
    assert.equal(cut('word', 'Hello ║', 'world, and more'), 'world,');
  });

  test('a completion that starts a new line', () => {
    assert.equal(cut('word', 'Title║', '\nNext words'), '\nNext');
  });

  test('unicode words', () => {
    assert.equal(cut('word', 'Un ║', 'café noir'), 'café');
    assert.equal(cut('word', '║', '😀 smile'), '😀');
  });

  test('Chinese, Japanese and Thai words without spaces between them', () => {
    assert.equal(cut('word', '今天║', '我们去公园散步'), '我们');
    assert.equal(cut('word', '║', '東京は日本の首都です'), '東京');
    assert.equal(cut('word', '║', 'สวัสดีครับ ยินดีที่ได้รู้จัก'), 'สวัสดี');
    assert.equal(cut('word', 'Hello ║', "don't-stop now"), "don't-stop");
  });

  test('Chinese and Japanese sentences end at their full stops', () => {
    assert.equal(cut('sentence', '今天║', '我们去公园。然后回家。'), '我们去公园。');
    assert.equal(cut('sentence', '║', 'それは本当ですか？はい。'), 'それは本当ですか？');
  });
});

describe('sentence', () => {
  test('up to the first sentence end', () => {
    assert.equal(cut('sentence', 'Hello ║', 'world. This is next.'), 'world.');
    assert.equal(cut('sentence', 'Hello.║', ' This is it. More.'), ' This is it.');
  });

  test('abbreviations and decimals do not stop it', () => {
    assert.equal(cut('sentence', 'For ║', 'example, e.g. apples, are fruit. More.'), 'example, e.g. apples, are fruit.');
    assert.equal(cut('sentence', 'Pi is ║', 'about 3.14 in value. Next.'), 'about 3.14 in value.');
    assert.equal(cut('sentence', 'See e.g║', '. apples here. More.'), '. apples here.');
  });

  test('completing the current sentence', () => {
    assert.equal(cut('sentence', 'The end║', '. Next sentence.'), '.');
  });

  test('a paragraph break ends a sentence without punctuation', () => {
    assert.equal(cut('sentence', 'Intro: ║', 'a list\n\nNext para.'), 'a list');
  });

  test('a soft line break does not end a sentence', () => {
    assert.equal(cut('sentence', 'We ║', 'wrap lines\nin Markdown. Yes.'), 'wrap lines\nin Markdown.');
  });

  test('in prose, a new Markdown block ends it', () => {
    assert.equal(cut('sentence', '- Install the ║', 'package\n- Configure it.'), 'package');
    assert.equal(cut('sentence', 'Text ║', 'here\n## Heading'), 'here');
  });

  test('CJK sentences', () => {
    assert.equal(cut('sentence', '今日は║', '晴れです。明日は雨。'), '晴れです。');
  });

  test('no sentence end: everything', () => {
    assert.equal(cut('sentence', 'A ║', 'fragment without end'), 'fragment without end');
  });

  test('in a block comment, a star-only line is a paragraph break', () => {
    assert.equal(cut('sentence', '/**\n * Adds ║\n */', 'two numbers\n *\n * More', 'typescript'), 'two numbers');
  });
});

describe('line', () => {
  test('up to the end of the line, LF or CRLF', () => {
    assert.equal(cut('line', 'a ║', 'foo\nbar'), 'foo');
    assert.equal(cut('line', 'a ║', 'foo\r\nbar'), 'foo');
    assert.equal(cut('line', 'a ║', 'foo'), 'foo');
  });

  test('a completion that starts on the next line keeps that line', () => {
    assert.equal(cut('line', 'Done.║', '\nfoo\nbar'), '\nfoo');
    assert.equal(cut('line', 'Done.║', '\r\nfoo\r\nbar'), '\r\nfoo');
  });
});

describe('paragraph', () => {
  test('up to the first blank line', () => {
    assert.equal(cut('paragraph', 'Start ║', 'one\ntwo\n\nthree'), 'one\ntwo');
    assert.equal(cut('paragraph', 'Start ║', 'one\n   \nthree'), 'one');
    assert.equal(cut('paragraph', 'Start ║', 'one\r\ntwo\r\n\r\nthree'), 'one\r\ntwo');
  });

  test('leading blank lines are kept, then the paragraph', () => {
    assert.equal(cut('paragraph', 'Done.║', '\n\npara\n\nnext'), '\n\npara');
  });

  test('in a docstring, a line with only the comment prefix is blank', () => {
    assert.equal(
      cut('paragraph', '/**\n * Adds ║\n */', 'two numbers.\n * More.\n *\n * @param a', 'typescript'),
      'two numbers.\n * More.',
    );
    assert.equal(cut('paragraph', '/// Adds ║', 'two.\n/// More.\n///\n/// Next', 'rust'), 'two.\n/// More.');
  });

  test('no blank line: everything', () => {
    assert.equal(cut('paragraph', '║', 'a\nb\nc'), 'a\nb\nc');
  });
});
