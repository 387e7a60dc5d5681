/**
 * GFM extension cases (tables, task lists, strikethrough, autolink literals,
 * footnotes) plus front matter and math. No npm package ships the GFM spec's
 * examples, so these are written here, one construct and its edge cases each.
 */
import type { SpecExample } from './markdownSpec';

const cases: [string, string][] = [
  ['Tables', '| foo | bar |\n| --- | --- |\n| baz | bim |\n'],
  ['Tables', '| abc | defghi |\n:-: | -----------:\nbar | baz\n'],
  ['Tables', '| f\\|oo  |\n| ------ |\n| b `\\|` az |\n| b **\\|** im |\n'],
  ['Tables', '| abc | def |\n| --- | --- |\n| bar | baz |\n> bar\n'],
  ['Tables', '| abc | def |\n| --- | --- |\n| bar | baz |\nbar\n\nbar\n'],
  ['Tables', '| abc | def |\n| --- |\n| bar |\n'],
  ['Tables', '| abc | def |\n| --- | --- |\n| bar |\n| bar | baz | boo |\n'],
  ['Tables', '| Name | Link |\n|:-----|-----:|\n| [the docs](https://x.dev/a "Docs") | <kbd>Ctrl</kbd> and ![logo](l.png) |\n'],
  ['Task list items', '- [ ] foo\n- [x] bar\n'],
  ['Task list items', '- [x] foo\n  - [ ] bar\n  - [x] baz\n- [ ] bim\n'],
  ['Strikethrough', '~~Hi~~ Hello, ~there~ world!\n'],
  ['Strikethrough', 'This ~~has a\n\nnew paragraph~~.\n'],
  ['Strikethrough', 'This will ~~~not~~~ strike.\n'],
  ['Autolinks', 'www.commonmark.org\n'],
  ['Autolinks', 'Visit www.commonmark.org/help for more information.\n'],
  ['Autolinks', 'Visit www.commonmark.org.\n\nVisit www.commonmark.org/a.b.\n'],
  ['Autolinks', 'www.google.com/search?q=Markup+(business)\n\n(www.google.com/search?q=Markup+(business))\n'],
  ['Autolinks', 'http://commonmark.org\n\n(Visit https://encrypted.google.com/search?q=Markup+(business))\n'],
  ['Autolinks', 'foo@bar.baz\n\nhello@mail+xyz.example isn\'t valid, but hello+xyz@mail.example is.\n'],
  ['Autolinks', 'mailto:foo@bar.baz and xmpp:foo@bar.baz/txt\n'],
  ['Footnotes', 'Here is a footnote reference,[^1] and another.[^longnote]\n\n[^1]: Here is the footnote.\n\n[^longnote]: Here\'s one with multiple blocks.\n\n    Subsequent paragraphs are indented.\n'],
  ['Front matter', '---\ntitle: A guide\ntags: [a, b]\n---\n\n# The guide\n\nSome text.\n'],
  ['Front matter', '+++\ntitle = "A guide"\n+++\nText after TOML.\n'],
  ['Math', 'Euler: $e^{i\\pi} + 1 = 0$ holds.\n\n$$\n\\int_0^1 x\\,dx = \\frac{1}{2}\n$$\n'],
  ['Mixed', '> - [ ] quoted task with `code` and a [link][ref]\n>   continued line\n\n[ref]: https://example.com "Title"\n'],
  ['Mixed', 'Line one\r\nline two with **bold**\r\n\r\n| a | b |\r\n|---|---|\r\n| c | d |\r\n'],
];

export const GFM_EXAMPLES: SpecExample[] = cases.map(([section, markdown], index) => ({ section, markdown, number: index + 1 }));
