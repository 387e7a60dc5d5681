// Pictures for the README, taken by the e2e steps when INKWELL_SCREENSHOTS names a folder
// (`npm run screenshots` sets it to media/); without it every call here does nothing.
// Screenshots are cropped to the editor area, down to just below the lowest text, so they
// read at the width of the Marketplace page; the GIF records the lines around the cursor.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { applyPalette, GIFEncoder, quantize } from 'gifenc';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';

export const picturesDir = process.env.INKWELL_SCREENSHOTS ? path.resolve(process.env.INKWELL_SCREENSHOTS) : undefined;

interface Clip {
  x: number;
  y: number;
  width: number;
  height: number;
}

const MAX_WIDTH = 960;

/** The editor part, from its tabs down to a little below the lowest visible text, ghost text or quick pick. */
async function editorClip(page: Page): Promise<Clip> {
  const part = (await page.locator('.part.editor').boundingBox())!;
  const bottoms = await page
    .locator('.part.editor .view-line, .ghost-text, .ghost-text-decoration, .quick-input-widget')
    .evaluateAll((elements) => elements.filter((e) => (e.textContent ?? '').trim() !== '').map((e) => e.getBoundingClientRect()).filter((box) => box.height > 0).map((box) => box.bottom));
  const bottom = Math.max(part.y + 160, ...bottoms);
  // A quick pick (the status menu) starts above the editor part: include all of it.
  const quickInput = page.locator('.quick-input-widget').first();
  const menu = (await quickInput.isVisible()) ? await quickInput.boundingBox() : null;
  const top = menu && menu.height > 0 ? Math.min(part.y, menu.y - 8) : part.y;
  return { x: Math.round(part.x), y: Math.round(top), width: Math.round(Math.min(part.width, MAX_WIDTH)), height: Math.round(Math.min(part.y + part.height, bottom + 28) - top) };
}

/** Saves `<dir>/<name>.png`: the editor area as it is now. */
export async function takePicture(page: Page, name: string): Promise<void> {
  if (!picturesDir) return;
  mkdirSync(picturesDir, { recursive: true });
  await page.screenshot({ path: path.join(picturesDir, `${name}.png`), clip: await editorClip(page) });
}

/** Frames of the lines around the cursor, written as `<dir>/<name>.gif` by save(). */
export class GifRecorder {
  private readonly frames: { png: Buffer; delayMs: number }[] = [];
  private clip: Clip | undefined;

  private constructor(
    private readonly page: Page,
    private readonly name: string,
  ) {}

  /** A recorder when pictures are wanted, else undefined (so callers write `gif?.frame()`). */
  static start(page: Page, name: string): GifRecorder | undefined {
    return picturesDir ? new GifRecorder(page, name) : undefined;
  }

  /** Adds what the editor shows now, held for `delayMs` (the first frame fixes the area: a few lines above and below the cursor). */
  async frame(delayMs = 90): Promise<void> {
    if (!this.clip) {
      const part = (await this.page.locator('.part.editor').boundingBox())!;
      const cursor = (await this.page.locator('.monaco-editor.focused .cursor').first().boundingBox())!;
      const lineHeight = cursor.height || 19;
      const top = Math.max(part.y + 35, cursor.y - 4 * lineHeight);
      this.clip = { x: Math.round(part.x), y: Math.round(top), width: Math.round(Math.min(part.width, MAX_WIDTH)), height: Math.round(8 * lineHeight) };
    }
    const png = await this.page.screenshot({ clip: this.clip });
    const last = this.frames.at(-1);
    if (last && last.png.equals(png)) last.delayMs += delayMs;
    else this.frames.push({ png, delayMs });
  }

  /** Encodes the frames with one palette (taken from the last frame, which shows the ghost text). */
  save(): void {
    if (!picturesDir || this.frames.length === 0) return;
    const images = this.frames.map((f) => PNG.sync.read(f.png));
    const palette = quantize(images.at(-1)!.data, 64);
    const gif = GIFEncoder();
    images.forEach((image, i) => gif.writeFrame(applyPalette(image.data, palette), image.width, image.height, { palette, delay: this.frames[i]!.delayMs }));
    gif.finish();
    mkdirSync(picturesDir, { recursive: true });
    writeFileSync(path.join(picturesDir, `${this.name}.gif`), gif.bytes());
  }
}
