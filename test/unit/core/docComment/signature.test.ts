import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseSignature } from '../../../../src/core/docComment/signature';

const sig = (languageId: string, text: string) => {
  const parsed = parseSignature(languageId, text);
  return parsed && `${parsed.kind} ${parsed.name}(${parsed.params.join(', ')})${parsed.hasReturn ? ' returns' : ''}`;
};

describe('parseSignature: TypeScript and JavaScript', () => {
  test('functions, async and generators, with types and defaults', () => {
    assert.equal(sig('typescript', 'export async function load<T extends object>(url: string, opts: Options = {}): Promise<T> {'), 'function load(url, opts) returns');
    assert.equal(sig('typescript', 'export default function (this: Window, ...args: unknown[]): void {}'), 'function default(args)');
    assert.equal(sig('javascript', 'function* ids(start = 0) {\n  yield start;\n}'), 'function ids(start) returns');
    assert.equal(sig('javascript', 'function log(msg) {\n  console.log(msg);\n}'), 'function log(msg)');
  });

  test('arrow functions assigned to const, with one bare parameter or destructuring', () => {
    assert.equal(sig('typescript', 'export const add = async (a: number, b: number): Promise<number> => a + b;'), 'function add(a, b) returns');
    assert.equal(sig('javascript', 'const double = x => x * 2;'), 'function double(x) returns');
    assert.equal(sig('typescriptreact', 'const Button = ({ label, onClick }: Props) => {\n  return <button />;\n};'), 'function Button({ label, onClick }) returns');
    assert.equal(sig('typescript', 'const cb = (fn: (x: number) => void, n = 1) => {\n  fn(n);\n};'), 'function cb(fn, n)');
  });

  test('methods with decorators, modifiers, constructors, class fields', () => {
    assert.equal(sig('typescript', "@HostListener('click', ['$event'])\nprivate async onClick(event: MouseEvent) {\n  return this.x;\n}"), 'function onClick(event) returns');
    assert.equal(sig('typescript', 'constructor(private readonly http: HttpClient, @Inject(TOKEN) public cfg: Config) {}'), 'function constructor(http, cfg)');
    assert.equal(sig('typescript', 'protected handle = (e: Event): boolean => true;'), 'function handle(e) returns');
    assert.equal(sig('typescript', 'export abstract class Shape<T> extends Base {'), 'type Shape()');
  });
});

describe('parseSignature: Python', () => {
  test('self and cls are skipped; *args and **kwargs kept; return annotation decides', () => {
    assert.equal(sig('python', '@classmethod\ndef create(cls, name: str, *args, size: int = 3, **kwargs) -> "Widget":'), 'function create(name, *args, size, **kwargs) returns');
    assert.equal(sig('python', 'async def close(self, /, force=False, *, timeout: float | None = None) -> None:'), 'function close(force, timeout)');
  });

  test('without an annotation, a `return value` in the body counts; a multi-line signature', () => {
    assert.equal(sig('python', 'def f(\n    a,\n    b: dict[str, int] = {},\n):\n    return a'), 'function f(a, b) returns');
    assert.equal(sig('python', 'def g(a):\n    print(a)\n    return'), 'function g(a)');
    assert.equal(sig('python', 'class Widget(Base, metaclass=Meta):'), 'type Widget()');
  });
});

describe('parseSignature: Go and Rust', () => {
  test('Go: the receiver is skipped; grouped names; unnamed parameters; results', () => {
    assert.equal(sig('go', 'func (s *Server) Handle(w http.ResponseWriter, r *http.Request) {'), 'function Handle(w, r)');
    assert.equal(sig('go', 'func Copy(dst, src []byte, opts ...Option) (int, error) {'), 'function Copy(dst, src, opts) returns');
    assert.equal(sig('go', 'func Apply(func(int) int, string) bool'), 'function Apply() returns');
    assert.equal(sig('go', 'func Send(chan int, struct{}) {'), 'function Send()');
    assert.equal(sig('go', 'func Map[T, U any](xs []T, f func(T) U) []U {'), 'function Map(xs, f) returns');
    assert.equal(sig('go', 'type Server struct {'), 'type Server()');
  });

  test('Rust: self forms skipped, mut and generics handled, unit return is no return', () => {
    assert.equal(sig('rust', '#[inline]\npub fn dist(&self, other: &Point) -> f64 {'), 'function dist(other) returns');
    assert.equal(sig('rust', "pub async fn run<F: Fn(i32) -> i32>(&mut self, mut f: F, name: &'a str) -> Result<(), Error> where F: Send {"), 'function run(f, name) returns');
    assert.equal(sig('rust', 'fn main() -> () {}'), 'function main()');
    assert.equal(sig('rust', 'pub(crate) struct Point {'), 'type Point()');
  });
});

describe('parseSignature: Java, C#, Kotlin, PHP', () => {
  test('Java: annotations and modifiers; void and constructors return nothing', () => {
    assert.equal(sig('java', '@Override\npublic <T> List<T> findAll(@NonNull final String name, int... ids) throws IOException {'), 'function findAll(name, ids) returns');
    assert.equal(sig('java', 'public void run() {'), 'function run()');
    assert.equal(sig('java', 'public Foo(int a, Map<String, Integer> b) {'), 'function Foo(a, b)');
    assert.equal(sig('java', 'public record Point(int x, int y) {}'), 'type Point(x, y)');
  });

  test('C#: attributes, this/params/out modifiers, Task is no value', () => {
    assert.equal(sig('csharp', '[HttpGet("{id}")]\npublic async Task<IActionResult> Get(int id, CancellationToken ct = default) {'), 'function Get(id, ct) returns');
    assert.equal(sig('csharp', 'public static bool TryParse(this string s, out int value, params int[] extra)'), 'function TryParse(s, value, extra) returns');
    assert.equal(sig('csharp', 'public async Task SaveAsync(Item item)'), 'function SaveAsync(item)');
  });

  test('Kotlin and PHP', () => {
    assert.equal(sig('kotlin', 'suspend fun load(id: Int, vararg tags: String): User {'), 'function load(id, tags) returns');
    assert.equal(sig('kotlin', 'fun log(msg: String) {'), 'function log(msg)');
    assert.equal(sig('php', 'public function find(int $id, ?string $name = null): ?User {'), 'function find($id, $name) returns');
  });
});
