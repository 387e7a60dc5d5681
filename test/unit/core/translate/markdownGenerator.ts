/**
 * Random Markdown documents for round-trip tests, with the parts that must come back
 * byte-identical (code, front matter, URLs) listed separately.
 */
import type { Random } from '../random';

export interface GeneratedMarkdown {
  text: string;
  /** Text that must survive translation unchanged: code blocks, inline code, URLs, front matter. */
  protectedParts: string[];
}

const WORDS = ['the', 'quiet', 'river', 'builds', 'a', 'lantern', 'über', 'naïve', 'garden', 'of', 'stone', 'morning', 'Ünïcode', '数据'];

export function generateMarkdown(random: Random): GeneratedMarkdown {
  const eol = random.chance(0.3) ? '\r\n' : '\n';
  const protectedParts: string[] = [];
  let serial = 0;
  const keep = (part: string) => (protectedParts.push(part), part);
  const words = (min: number, max: number) => Array.from({ length: random.int(min, max) }, () => random.pick(WORDS)).join(' ');

  const inline = (): string => {
    const pieces: string[] = [];
    for (let n = random.int(1, 6); n > 0; n--) {
      const id = `zq${serial++}`;
      pieces.push(
        random.pick([
          () => words(1, 8),
          () => keep(`\`${id} x\``),
          () => keep(`\`\` a \` ${id} \`\``),
          () => `[${words(1, 3)}](${keep(`https://ex.com/${id}`)} "title")`,
          () => `![${words(0, 2)}](${keep(`img/${id}.png`)})`,
          () => `see ${keep(`https://ex.org/${id}?q=1`)} here`,
          () => `<${keep(`https://auto.io/${id}`)}>`,
          () => `<b>${words(1, 2)}</b> <span class="${id}">${words(1, 2)}</span>`,
          () => keep(`{${id}}`) + ' and ' + keep(`{{${id}}}`),
          () => `**${words(1, 2)}** _${words(1, 2)}_`,
          () => `${words(1, 2)}<!-- ${id} -->`,
          () => `a {0} look-alike and ｛1｝`,
        ])(),
      );
    }
    return pieces.join(' ');
  };

  const fence = (): string => {
    const char = random.pick(['`', '~']);
    const length = random.int(3, 5);
    const marker = char.repeat(length);
    const inner = char === '`' && length > 3 ? `${eol}\`\`\`${eol}nested zq${serial}${eol}\`\`\`` : '';
    const body = `${marker}${random.pick(['', 'ts', 'python title="x"'])}${eol}const zq${serial++} = "{0} [a](b)";${inner}${eol}${marker}`;
    return keep(body);
  };

  const blocks: string[] = [];
  if (random.chance(0.3)) blocks.push(keep(`---${eol}title: zq${serial++}${eol}tags: [a, b]${eol}---`));
  for (let n = random.int(1, 10); n > 0; n--) {
    blocks.push(
      random.pick([
        () => `${'#'.repeat(random.int(1, 6))} ${words(1, 4)}${random.chance(0.2) ? ' ##' : ''}`,
        () => `${inline()}${eol}${inline()}`,
        () => Array.from({ length: random.int(1, 4) }, () => `${random.pick(['-', '*', '1.', '2)'])} ${random.chance(0.3) ? '[ ] ' : ''}${inline()}`).join(eol),
        () => `> ${inline()}${eol}> ${words(1, 5)}`,
        fence,
        // After a heading: after a list, an indented line would continue the list item.
        () => `## ${words(1, 2)}${eol}${eol}` + keep(`    indented zq${serial++} = 1${eol}    more()`),
        () => `| ${words(1, 2)} | B |${eol}| --- | :-: |${eol}| ${inline()} | 2 |`,
        () => `${words(2, 5)}${eol}${random.pick(['===', '---'])}`,
        () => keep(`[zq${serial++}]: https://ref.example/${serial}`),
        () => keep(`<pre>${eol}zq${serial++} keep${eol}</pre>`),
        () => '***',
      ])(),
    );
  }
  const separator = () => random.pick([eol + eol, eol + eol + eol, eol + '  ' + eol]);
  const text = blocks.map((b, i) => (i === 0 ? b : separator() + b)).join('') + random.pick(['', eol]);
  return { text, protectedParts };
}
