import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EolStream, withEol } from '../../../../src/core/documentEdits/lineEndings';
import { StreamWriter, type WriterStop } from '../../../../src/core/documentEdits/streamWriter';
import { FakeDocument } from '../fakeDocument';

function writerAt(document: FakeDocument, start: number, end = start, options = {}): { writer: StreamWriter; stops: WriterStop[] } {
  const writer = new StreamWriter(document.port(), { start, end }, document.text.slice(start, end), options);
  document.onChange((changes) => writer.onChanges(changes));
  const stops: WriterStop[] = [];
  writer.onStop((why) => stops.push(why));
  return { writer, stops };
}

async function stream(writer: StreamWriter, chunks: string[]): Promise<void> {
  for (const chunk of chunks) writer.append(chunk);
  await writer.finish();
}

const CHUNKS = ['The', ' cat.\n', 'It', ' sat.\n', 'End'];

describe('streaming into a CRLF document', () => {
  it('writes each chunk in the document line ending, in order, and a revert restores it exactly', async () => {
    const document = new FakeDocument('Intro: ', '\r\n');
    const { writer, stops } = writerAt(document, 7);
    await stream(writer, CHUNKS);
    assert.equal(document.text, 'Intro: The cat.\r\nIt sat.\r\nEnd');
    assert.deepEqual(writer.range, { start: 7, end: document.text.length });
    assert.equal(await writer.revert(), 'restored');
    assert.equal(document.text, 'Intro: ');
    assert.deepEqual(stops, []);
  });

  it('joins a "\\r\\n" split across chunks into one line break', async () => {
    const document = new FakeDocument('A\r\n', '\r\n');
    const { writer } = writerAt(document, 3);
    await stream(writer, ['one\r', '\ntwo\r', '']);
    assert.equal(document.text, 'A\r\none\r\ntwo\r\n');
  });

  it('writes LF documents unchanged', async () => {
    const document = new FakeDocument('Intro: ');
    const { writer } = writerAt(document, 7);
    await stream(writer, CHUNKS);
    assert.equal(document.text, 'Intro: The cat.\nIt sat.\nEnd');
  });

  it('replaces a selection in a CRLF document and puts it back byte for byte', async () => {
    const original = 'Title\r\n\r\nFirst line.\r\nSecond line.\r\n\r\nAfter.';
    const document = new FakeDocument(original, '\r\n');
    const start = original.indexOf('First');
    const end = original.indexOf('\r\n\r\nAfter');
    const { writer, stops } = writerAt(document, start, end);
    await stream(writer, ['Erste\n', 'Zeile.\nZweite.']);
    assert.equal(document.text, 'Title\r\n\r\nErste\r\nZeile.\r\nZweite.\r\n\r\nAfter.');
    assert.equal(await writer.revert(), 'restored');
    assert.equal(document.text, original);
    assert.deepEqual(stops, [], 'the revert is not taken for a user edit');
  });
});

describe('characters outside the Basic Multilingual Plane', () => {
  it('never writes half a surrogate pair, whatever the chunking', async () => {
    const text = 'Emoji 😀 and 𝒳 and 中文 שלום.\n';
    for (let cut = 1; cut < text.length; cut++) {
      const document = new FakeDocument('', '\r\n');
      const { writer } = writerAt(document, 0);
      await stream(writer, [text.slice(0, cut), text.slice(cut)]);
      assert.equal(document.text, withEol(text, '\r\n'));
      for (const state of document.history) assert.ok(!/[\ud800-\udbff](?![\udc00-\udfff])/.test(state), `a lone high surrogate in ${JSON.stringify(state)}`);
    }
  });

  it('tracks the range in UTF-16 offsets through edits before it', async () => {
    const document = new FakeDocument('😀 x', '\n');
    const { writer } = writerAt(document, 4);
    writer.append('ab');
    await writer.settle();
    document.userEdit(0, 0, '𝒳𝒳');
    writer.append('c');
    await writer.finish();
    assert.equal(document.text, '𝒳𝒳😀 xabc');
    assert.deepEqual(writer.range, { start: 8, end: 11 });
  });
});

describe('edits the editor refuses', () => {
  it('retries at the tracked position when typing elsewhere landed first', async () => {
    const document = new FakeDocument('Start. End.');
    const { writer, stops } = writerAt(document, 6);
    let typed = 0;
    document.beforeApply = () => {
      // A keystroke before the region wins the race with every other edit.
      if (typed++ % 2 === 0) document.userEdit(0, 0, 'x');
    };
    await stream(writer, [' one', ' two', ' three']);
    assert.deepEqual(stops, []);
    assert.ok(document.text.endsWith('Start. one two three End.'), document.text);
    assert.ok(document.text.startsWith('x'), document.text);
    const written = document.text.slice(writer.range.start, writer.range.end);
    assert.equal(written, ' one two three');
    document.beforeApply = undefined;
    assert.equal(await writer.revert(), 'restored');
    assert.equal(document.text.replace(/^x+/, ''), 'Start. End.');
  });

  it('replace mode: a refused first edit does not leave the selection deleted', async () => {
    const document = new FakeDocument('keep SELECTED keep');
    const { writer } = writerAt(document, 5, 13);
    let once = true;
    document.beforeApply = () => {
      if (once) document.userEdit(0, 0, '# ');
      once = false;
    };
    await stream(writer, ['new']);
    assert.equal(document.text, '# keep new keep');
    assert.equal(await writer.revert(), 'restored');
    assert.equal(document.text, '# keep SELECTED keep');
  });

  it('gives up with "refused" after the retries, without writing anything twice', async () => {
    const document = new FakeDocument('abc');
    const { writer, stops } = writerAt(document, 3, 3, { retries: 3 });
    document.beforeApply = () => document.userEdit(0, 0, '.');
    await stream(writer, ['x']);
    assert.deepEqual(stops, ['refused']);
    assert.ok(!document.text.includes('x'));
  });
});

describe('user edits and reverts', () => {
  it('an edit inside the written text stops writing and a revert keeps it', async () => {
    const document = new FakeDocument('Intro: ', '\r\n');
    const { writer, stops } = writerAt(document, 7);
    writer.append('The cat\nsat');
    await writer.settle();
    document.userEdit(9, 9, 'X');
    writer.append(' more');
    await writer.finish();
    assert.deepEqual(stops, ['conflict']);
    assert.equal(document.text, 'Intro: ThXe cat\r\nsat');
    assert.equal(await writer.revert(), 'kept-user-edit');
    assert.equal(document.text, 'Intro: ThXe cat\r\nsat');
  });

  it('typing right after the text or before it is not a conflict, and a revert leaves the typing', async () => {
    const document = new FakeDocument('a b');
    const { writer, stops } = writerAt(document, 1);
    writer.append('XYZ');
    await writer.settle();
    document.userEdit(0, 0, '1');
    document.userEdit(document.text.length, document.text.length, '2');
    writer.append('W');
    await writer.finish();
    assert.equal(document.text, '1aXYZW b2');
    assert.equal(await writer.revert(), 'restored');
    assert.equal(document.text, '1a b2');
    assert.deepEqual(stops, []);
  });

  it('a revert racing typing elsewhere is retried and still not reported as a user edit', async () => {
    const document = new FakeDocument('one two');
    const { writer, stops } = writerAt(document, 3);
    await stream(writer, [' and a half']);
    let once = true;
    document.beforeApply = () => {
      if (once) document.userEdit(0, 0, '>');
      once = false;
    };
    assert.equal(await writer.revert(), 'restored');
    assert.equal(document.text, '>one two');
    assert.deepEqual(stops, []);
  });

  it('a closed document stops writing; nothing to revert', async () => {
    const document = new FakeDocument('text');
    const { writer, stops } = writerAt(document, 4);
    writer.append(' more');
    await writer.settle();
    document.close();
    writer.onClosed();
    writer.append(' after');
    await writer.finish();
    assert.deepEqual(stops, ['closed']);
    assert.equal(await writer.revert(), 'closed');
  });

  it('an undo of the written text is a conflict', async () => {
    const document = new FakeDocument('x');
    const writer = new StreamWriter(document.port(), { start: 1, end: 1 }, '');
    const stops: WriterStop[] = [];
    writer.onStop((why) => stops.push(why));
    document.onChange((changes) => writer.onChanges(changes, changes[0]?.rangeLength === 3));
    writer.append('abc');
    await writer.settle();
    document.userEdit(1, 4, '');
    assert.deepEqual(stops, ['conflict']);
  });
});

describe('EolStream', () => {
  it('gives the same text for every chunking', () => {
    const text = 'a\r\nb\nc\rd\r\n\r\n😀';
    const whole = withEol(text, '\r\n');
    for (let cut = 0; cut <= text.length; cut++) {
      const eol = new EolStream('\r\n');
      assert.equal(eol.push(text.slice(0, cut)) + eol.push(text.slice(cut)) + eol.flush(), whole, `cut at ${cut}`);
    }
  });
});

describe('Cancel while text is still queued', () => {
  it('drops the queue, restores the document, and a second revert returns the same outcome', async () => {
    const document = new FakeDocument('Keep this.\r\n', '\r\n');
    const { writer, stops } = writerAt(document, document.text.length);
    for (let i = 0; i < 50; i++) writer.append(`line ${i}\n`);
    const first = writer.revert();
    const second = writer.revert();
    assert.equal(await first, 'restored');
    assert.equal(await second, 'restored');
    assert.equal(document.text, 'Keep this.\r\n');
    assert.ok(document.edits.filter((e) => e.by === 'port').length <= 2, 'at most the edit in flight and the revert');
    writer.append('late text');
    await writer.finish();
    assert.equal(document.text, 'Keep this.\r\n');
    assert.deepEqual(stops, []);
  });
});
