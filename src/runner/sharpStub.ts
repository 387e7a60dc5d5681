/**
 * Bundled in place of `sharp`, which transformers.js imports at top level for
 * image pipelines. Inkwell only handles text, so any call is a bug.
 */
function unsupported(): never {
  throw new Error('Image processing is not available in Inkwell (sharp is not bundled).');
}
const sharp = Object.assign(unsupported, { cache: () => undefined, concurrency: () => 0 });
export default sharp;
