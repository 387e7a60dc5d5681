import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatDocComment, type DocBody } from '../../../../src/core/docComment/docCommentFormat';

const full: DocBody = {
  summary: 'Adds two numbers.',
  params: [
    { name: 'a', description: 'The first number.' },
    { name: 'b', description: 'The second number.' },
  ],
  returns: 'The sum.',
  throws: 'If the sum overflows.',
  symbolName: 'Add',
};

describe('formatDocComment', () => {
  test('TSDoc: `@param name - text`, `@returns`, `@throws`', () => {
    assert.equal(formatDocComment('tsdoc', '  ', full, '\n'), `  /**
   * Adds two numbers.
   *
   * @param a - The first number.
   * @param b - The second number.
   * @returns The sum.
   * @throws If the sum overflows.
   */
`);
  });

  test('JSDoc without the dash; CRLF line ends; a summary only', () => {
    assert.equal(formatDocComment('jsdoc', '', { ...full, throws: undefined }, '\r\n'), '/**\r\n * Adds two numbers.\r\n *\r\n * @param a The first number.\r\n * @param b The second number.\r\n * @returns The sum.\r\n */\r\n');
    assert.equal(formatDocComment('jsdoc', '\t', { summary: 'Hi.', params: [] }, '\n'), '\t/**\n\t * Hi.\n\t */\n');
  });

  test('Javadoc: `@return`; `*/` in the text cannot end the comment early', () => {
    assert.equal(formatDocComment('javadoc', '', { summary: 'Matches a */ b.', params: [{ name: 'x', description: '' }], returns: 'true' }, '\n'), '/**\n * Matches a *\\/ b.\n *\n * @param x\n * @return true\n */\n');
  });

  test('Python, Google style, one level in', () => {
    assert.equal(formatDocComment('python', '    ', full, '\n'), `    """Adds two numbers.

    Args:
        a: The first number.
        b: The second number.

    Returns:
        The sum.

    Raises:
        If the sum overflows.
    """
`);
  });

  test('Python: a one-line docstring; quotes and backslashes stay valid', () => {
    assert.equal(formatDocComment('python', '\t', { summary: 'Says "hi"', params: [] }, '\n'), '\t"""Says "hi" """\n');
    assert.equal(formatDocComment('python', '', { summary: 'Matches \\d+.', params: [] }, '\n'), 'r"""Matches \\d+."""\n');
    assert.equal(formatDocComment('python', '', { summary: 'Ends """ and \\n.', params: [] }, '\n'), '"""Ends \\"\\"\\" and \\\\n."""\n');
  });

  test('Go: line comments that start with the name; parameters are left to the prose', () => {
    assert.equal(formatDocComment('go', '', full, '\n'), '// Add adds two numbers.\n');
    assert.equal(formatDocComment('go', '\t', { summary: 'Add returns a+b.\n\nIt never fails.', params: [], symbolName: 'Add' }, '\n'), '\t// Add returns a+b.\n\t//\n\t// It never fails.\n');
  });

  test('Rust: /// with # Arguments, # Returns and # Errors sections', () => {
    assert.equal(formatDocComment('rust', '    ', full, '\n'), `    /// Adds two numbers.
    ///
    /// # Arguments
    ///
    /// * \`a\` - The first number.
    /// * \`b\` - The second number.
    ///
    /// # Returns
    ///
    /// The sum.
    ///
    /// # Errors
    ///
    /// If the sum overflows.
`);
  });

  test('C#: XML doc, text escaped', () => {
    assert.equal(formatDocComment('csharp', '', { summary: 'Compares a < b & c.', params: [{ name: 'a', description: 'Left.' }], returns: 'True when less.' }, '\n'), `/// <summary>
/// Compares a &lt; b &amp; c.
/// </summary>
/// <param name="a">Left.</param>
/// <returns>True when less.</returns>
`);
  });
});
