import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findSentenceEnd } from '../../../../src/core/text/sentenceEnd';

/** The first sentence of `text`, or the whole text when none ends. */
function first(text: string, context = ''): string {
  const end = findSentenceEnd(text, context);
  return end === -1 ? text : text.slice(0, end);
}

test('. ! and ? followed by a space, a line break or the end', () => {
  assert.equal(first('One. Two.'), 'One.');
  assert.equal(first('Really? Yes.'), 'Really?');
  assert.equal(first('Wow!\nNext'), 'Wow!');
  assert.equal(first('The end.'), 'The end.');
  assert.equal(findSentenceEnd('no end here'), -1);
});

test('abbreviations do not end a sentence', () => {
  assert.equal(first('Fruit, e.g. apples, is sweet. More.'), 'Fruit, e.g. apples, is sweet.');
  assert.equal(first('That is, i.e. this one. More.'), 'That is, i.e. this one.');
  assert.equal(first('Ask Dr. Smith today. Then go.'), 'Ask Dr. Smith today.');
  assert.equal(first('Cats, dogs, etc. are pets. Yes.'), 'Cats, dogs, etc. are pets.');
  assert.equal(first('Made in the U.S. by hand. Yes.'), 'Made in the U.S. by hand.');
  assert.equal(first('Written by J. R. Tolkien. Yes.'), 'Written by J. R. Tolkien.');
});

test('an abbreviation at the very end still ends the text', () => {
  assert.equal(findSentenceEnd('and so on, etc.'), 'and so on, etc.'.length);
});

test('decimals, versions and domains are not sentence ends', () => {
  assert.equal(first('Pi is about 3.14 in value. Next.'), 'Pi is about 3.14 in value.');
  assert.equal(first('Use v1.2.3 or example.com now. Next.'), 'Use v1.2.3 or example.com now.');
});

test('closing quotes and brackets stay with the sentence', () => {
  assert.equal(first('He said "stop." Then left.'), 'He said "stop."');
  assert.equal(first('(It works.) Next.'), '(It works.)');
  assert.equal(first('She wrote “done.” Then slept.'), 'She wrote “done.”');
});

test('a numbered list marker at line start is not a sentence end', () => {
  assert.equal(first('1. Install it. Then run.'), '1. Install it.');
  assert.equal(first('Steps:\n2. Run it. Next.'), 'Steps:\n2. Run it.');
  assert.equal(first('We counted 3. Then 4.'), 'We counted 3.');
});

test('ellipses: lowercase after them continues the sentence', () => {
  assert.equal(first('I think... maybe not. Ok.'), 'I think... maybe not.');
  assert.equal(first('Wait... Then go.'), 'Wait...');
  assert.equal(first('Hmm… well, yes. Ok.'), 'Hmm… well, yes.');
});

test('CJK full stops need no space after them', () => {
  assert.equal(first('晴れです。明日は雨。'), '晴れです。');
  assert.equal(first('好吗？好的。'), '好吗？');
  assert.equal(first('Latin first. 然后。'), 'Latin first.');
});

test('context before the text completes a split abbreviation', () => {
  assert.equal(first('. apples, are red. More.', 'such as e.g'), '. apples, are red.');
  assert.equal(first('. Next one.', 'The end'), '.');
});

test('Chinese, Japanese, Hindi and Arabic sentences (Unicode sentence boundaries)', () => {
  assert.equal(first('我们今天去公园。你呢？'), '我们今天去公园。');
  assert.equal(first('「本当？」と彼は聞いた。はい。'), '「本当？」');
  assert.equal(first('यह एक वाक्य है। यह दूसरा है।'), 'यह एक वाक्य है।');
  assert.equal(first('هل أنت بخير؟ نعم.'), 'هل أنت بخير؟');
  assert.equal(first('คุณสบายดีไหม? สบายดี'), 'คุณสบายดีไหม?');
});

test('a period followed by a lowercase word does not end a sentence; a line break alone does not either', () => {
  assert.equal(first('Add salt etc. and stir. Done.'), 'Add salt etc. and stir.');
  assert.equal(first('A list\nwithout stops'), 'A list\nwithout stops');
  assert.equal(first('Version 2.5 is out. Get it.'), 'Version 2.5 is out.');
});
