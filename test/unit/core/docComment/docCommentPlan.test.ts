import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatDocComment, type DocBody } from '../../../../src/core/docComment/docCommentFormat';
import { docCommentPlan } from '../../../../src/core/docComment/docCommentPlan';

/**
 * A document whose symbol range (as VS Code's symbol provider reports it) is marked:
 * `⟪` at the start of the first line, `⟫` at the end of the last.
 */
function symbolDoc(source: string): { text: string; start: number; end: number } {
  const lines = source.split('\n');
  const start = lines.findIndex((l) => l.includes('⟪'));
  const end = lines.findIndex((l) => l.includes('⟫'));
  assert.ok(start !== -1 && end !== -1, 'mark the symbol with ⟪ and ⟫');
  return { text: source.replace(/[⟪⟫]/g, ''), start, end };
}

const BODY: DocBody = { summary: 'Does the thing.', params: [], symbolName: 'Thing' };

/** The document after "Draft Documentation" with a fixed body: inserted, or replacing what was there. */
function documented(languageId: string, source: string, body: DocBody = BODY): string {
  const { text, start, end } = symbolDoc(source);
  const plan = docCommentPlan(languageId, text, start, end);
  assert.ok(plan, 'expected a plan');
  const lines = text.split('\n');
  const comment = formatDocComment(plan.style, plan.indent, body, '\n').replace(/\n$/, '').split('\n');
  if (plan.existing) lines.splice(plan.existing.startLine, plan.existing.endLine - plan.existing.startLine + 1, ...comment);
  else lines.splice(plan.insertLine, 0, ...comment);
  return lines.join('\n');
}

describe('docCommentPlan: TypeScript and JavaScript', () => {
  test('above the decorators of a method in a class, at its indentation', () => {
    const source = `export class Greeter {
  @Input() name = '';

⟪  @HostListener('click', ['$event'])
  async onClick(event: MouseEvent): Promise<void> {
    return;
  }⟫
}`;
    assert.equal(documented('typescript', source), `export class Greeter {
  @Input() name = '';

  /**
   * Does the thing.
   */
  @HostListener('click', ['$event'])
  async onClick(event: MouseEvent): Promise<void> {
    return;
  }
}`);
  });

  test('a decorator spread over several lines, and a range that starts at the declaration', () => {
    const source = `@Component({
  selector: 'app-root',
})
⟪export class AppComponent {}⟫`;
    assert.equal(documented('typescript', source), `/**
 * Does the thing.
 */
@Component({
  selector: 'app-root',
})
export class AppComponent {}`);
  });

  test('an arrow function assigned to a const; a decorator with code on its line is the declaration', () => {
    assert.equal(documented('javascript', '⟪export const add = async (a, b) => a + b;⟫'), '/**\n * Does the thing.\n */\nexport const add = async (a, b) => a + b;');
    const { text, start, end } = symbolDoc('class A {\n\t⟪@Input() name = \'\';⟫\n}');
    assert.deepEqual(docCommentPlan('typescriptreact', text, start, end), { insertLine: 1, indent: '\t', style: 'tsdoc', declarationLine: 1 });
  });

  test('a decorator with the declaration on its line, spanning several lines', () => {
    const { text, start, end } = symbolDoc('class A {\n  ⟪@Input() set value(v: string) {\n    this.v = v;\n  }⟫\n}');
    assert.deepEqual(docCommentPlan('typescript', text, start, end), { insertLine: 1, indent: '  ', style: 'tsdoc', declarationLine: 1 });
  });

  test("the previous symbol's decorator is not taken for this one's; brackets in strings do not confuse", () => {
    const { text, start, end } = symbolDoc('@dec\nclass A {}\n⟪class B {}⟫');
    assert.equal(docCommentPlan('typescript', text, start, end)?.insertLine, 2);
    assert.equal(documented('typescript', '@Route("/a(b",\n  x)\n⟪class C {}⟫'), '/**\n * Does the thing.\n */\n@Route("/a(b",\n  x)\nclass C {}');
  });

  test('an existing JSDoc above an eslint directive is found and replaced', () => {
    const source = `/**
 * Old text.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
⟪export function f(x: any) {}⟫`;
    assert.equal(documented('typescript', source), `/**
 * Does the thing.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function f(x: any) {}`);
  });

  test('a comment separated by a blank line (a file header) or a plain // comment is not the doc comment', () => {
    const header = symbolDoc('/** @license MIT */\n\n⟪function f() {}⟫');
    assert.equal(docCommentPlan('javascript', header.text, header.start, header.end)?.existing, undefined);
    const plain = symbolDoc('// helper\n⟪function f() {}⟫');
    assert.deepEqual(docCommentPlan('javascript', plain.text, plain.start, plain.end), { insertLine: 1, indent: '', style: 'jsdoc', declarationLine: 1 });
  });

  test('a block comment closing after code is not a doc comment, nor is what lies above it', () => {
    const { text, start, end } = symbolDoc('/** Docs of a. */\nfunction a() {}\nlet x = 1; /* note */\n⟪function b() {}⟫');
    assert.deepEqual(docCommentPlan('typescript', text, start, end), { insertLine: 3, indent: '', style: 'tsdoc', declarationLine: 3 });
    const plain = symbolDoc('/* not docs */\n⟪function b() {}⟫');
    assert.equal(docCommentPlan('typescript', plain.text, plain.start, plain.end)?.existing, undefined);
  });

  test('unknown languages get no plan', () => {
    assert.equal(docCommentPlan('plaintext', 'x', 0, 0), undefined);
  });
});

describe('docCommentPlan: Python', () => {
  test('inside the body of a decorated async method with a multi-line signature', () => {
    const source = `class Service:
⟪    @staticmethod
    @cached(
        ttl=60,
    )
    async def fetch(
        url: str,
        timeout: float = 1.0,
    ) -> dict[str, int]:
        data = await get(url)
        return data⟫`;
    assert.equal(documented('python', source), `class Service:
    @staticmethod
    @cached(
        ttl=60,
    )
    async def fetch(
        url: str,
        timeout: float = 1.0,
    ) -> dict[str, int]:
        """Does the thing."""
        data = await get(url)
        return data`);
  });

  test('tabs, a comment before the first statement, a colon inside a default value', () => {
    const source = '⟪def f(a, key=lambda x: x):  # note\n\t# setup\n\treturn a⟫';
    assert.equal(documented('python', source), 'def f(a, key=lambda x: x):  # note\n\t"""Does the thing."""\n\t# setup\n\treturn a');
  });

  test('an existing docstring (one line or several) is reported', () => {
    const one = symbolDoc('⟪def f():\n    """Old."""\n    pass⟫');
    assert.deepEqual(docCommentPlan('python', one.text, one.start, one.end)?.existing, { startLine: 1, endLine: 1 });
    const many = symbolDoc("⟪class C:\n    r'''\n    Old.\n    '''\n    x = 1⟫");
    assert.deepEqual(docCommentPlan('python', many.text, many.start, many.end)?.existing, { startLine: 1, endLine: 3 });
  });

  test('a string that starts an expression is not a docstring', () => {
    const { text, start, end } = symbolDoc('⟪def f(parts):\n    "-".join(parts)⟫');
    assert.equal(docCommentPlan('python', text, start, end)?.existing, undefined);
  });

  test('a one-line body has no place for a docstring', () => {
    const { text, start, end } = symbolDoc('⟪def f(): return 1⟫');
    assert.equal(docCommentPlan('python', text, start, end), undefined);
  });
});

describe('docCommentPlan: Go, Rust, Java, C#', () => {
  test('Go: "// Name …" lines above, above directives; an existing comment is found', () => {
    assert.equal(
      documented('go', '//go:noinline\n⟪func (s *Server) Thing(w http.ResponseWriter) {\n}⟫', { summary: 'handles a request.', params: [], symbolName: 'Thing' }),
      '// Thing handles a request.\n//go:noinline\nfunc (s *Server) Thing(w http.ResponseWriter) {\n}',
    );
    const { text, start, end } = symbolDoc('package x\n\n// Old comment\n// on two lines.\n⟪func Thing() {}⟫');
    assert.deepEqual(docCommentPlan('go', text, start, end)?.existing, { startLine: 2, endLine: 3 });
  });

  test('Rust: the range includes docs and a multi-line attribute (rust-analyzer); docs stay above attributes', () => {
    const source = `⟪/// Old docs.
#[derive(Debug)]
#[cfg_attr(
    feature = "serde",
    derive(Serialize)
)]
pub struct Point {
    x: i32,
}⟫`;
    assert.equal(documented('rust', source), source.replace('/// Old docs.', '/// Does the thing.').replace(/[⟪⟫]/g, ''));
    assert.equal(
      documented('rust', 'impl Point {\n⟪    #[inline]\n    pub fn dist(&self, other: &Point) -> f64 {⟫\n        0.0\n    }\n}'),
      'impl Point {\n    /// Does the thing.\n    #[inline]\n    pub fn dist(&self, other: &Point) -> f64 {\n        0.0\n    }\n}',
    );
  });

  test('Java: Javadoc above annotations; an existing one is found', () => {
    const source = `public class Foo {
    /** Old. */
    @Override
⟪    public String toString() {
        return "";
    }⟫
}`;
    const { text, start, end } = symbolDoc(source);
    assert.deepEqual(docCommentPlan('java', text, start, end), { insertLine: 1, indent: '    ', style: 'javadoc', declarationLine: 3, existing: { startLine: 1, endLine: 1 } });
    assert.equal(documented('java', '⟪@Test\n@DisplayName("adds")\nvoid adds() {}⟫'), '/**\n * Does the thing.\n */\n@Test\n@DisplayName("adds")\nvoid adds() {}');
  });

  test('C#: XML doc above attributes', () => {
    const source = `    [HttpGet("{id}")]
    [ProducesResponseType(200)]
⟪    public async Task<IActionResult> Get(int id) {⟫`;
    assert.equal(documented('csharp', source), `    /// <summary>
    /// Does the thing.
    /// </summary>
    [HttpGet("{id}")]
    [ProducesResponseType(200)]
    public async Task<IActionResult> Get(int id) {`);
  });
});
