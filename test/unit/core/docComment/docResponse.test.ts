import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseDocResponse } from '../../../../src/core/docComment/docResponse';

describe('parseDocResponse', () => {
  test('the requested format', () => {
    const answer = `SUMMARY: Adds two numbers.
PARAM a: The first number.
PARAM b: The second number.
RETURNS: The sum.`;
    assert.deepEqual(parseDocResponse(answer), {
      summary: 'Adds two numbers.',
      params: [
        { name: 'a', description: 'The first number.' },
        { name: 'b', description: 'The second number.' },
      ],
      returns: 'The sum.',
    });
  });

  test('lower case, bullets, bold, dashes, backticks, wrapped lines and a preamble', () => {
    const answer = `Sure! Here is the documentation:

- **Summary:** Loads a user
  from the database.
- **Param** \`id\` - The user's id.
- Param name (str): The name
  to match.
- **Returns**: The user, or null.
- Throws: When the database is down.`;
    assert.deepEqual(parseDocResponse(answer), {
      summary: 'Loads a user\nfrom the database.',
      params: [
        { name: 'id', description: "The user's id." },
        { name: 'name', description: 'The name to match.' },
      ],
      returns: 'The user, or null.',
      throws: 'When the database is down.',
    });
  });

  test('a whole JSDoc comment in a code fence', () => {
    const answer = '```ts\n/**\n * Parses a date.\n *\n * @param {string} text - The input.\n * @returns {Date} The date.\n */\n```';
    assert.deepEqual(parseDocResponse(answer), { summary: 'Parses a date.', params: [{ name: 'text', description: 'The input.' }], returns: '{Date} The date.' });
  });

  test('a Google-style Args: block', () => {
    const answer = 'Summary: Sends mail.\n\nArgs:\n    to: The recipient.\n    body: The text.\n\nReturns:\n    True when sent.';
    assert.deepEqual(parseDocResponse(answer), {
      summary: 'Sends mail.',
      params: [
        { name: 'to', description: 'The recipient.' },
        { name: 'body', description: 'The text.' },
      ],
      returns: 'True when sent.',
    });
  });

  test('plain prose (even one starting with "Returns") becomes the summary', () => {
    assert.deepEqual(parseDocResponse('  Returns the sum of a and b.\nIt never throws.  '), { summary: 'Returns the sum of a and b.\nIt never throws.', params: [] });
    assert.deepEqual(parseDocResponse('First paragraph.\n\nSecond one.'), { summary: 'First paragraph.\n\nSecond one.', params: [] });
  });

  test('known parameters order and filter what the model said', () => {
    const answer = 'SUMMARY: Copies.\nPARAM src: Source.\nPARAM extra: Made up.\nPARAM dst: Target.';
    assert.deepEqual(parseDocResponse(answer, ['dst', 'src', 'n']).params, [
      { name: 'dst', description: 'Target.' },
      { name: 'src', description: 'Source.' },
      { name: 'n', description: '' },
    ]);
    assert.deepEqual(parseDocResponse('PARAM args: Extra.', ['*args']).params, [{ name: '*args', description: 'Extra.' }]);
  });
});
