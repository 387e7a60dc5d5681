import tseslint from 'typescript-eslint';

/** Feature folders of src/core: each stands on the shared folders (text, generation, prompts, chunking, documentEdits, the root files), never on another feature. */
const CORE_FEATURES = ['inline', 'summarize', 'translate', 'docComment', 'draftSection'];
const otherFeatures = (feature) => CORE_FEATURES.filter((f) => f !== feature).map((f) => `**/${f}/*`);
const layerRule = (extra = []) => [
  'error',
  {
    patterns: [
      { group: ['**/host/*', '**/runner/*', '**/webview/*', '**/extension', '**/config', '**/log'], message: 'src/core is pure: it imports only src/core and src/protocol.' },
      ...extra,
    ],
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.vscode-test/**', 'test/fixtures/models/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ImportDeclaration[source.value="vscode"]:not([importKind="type"])', message: 'Only src/host and src/extension.ts may import vscode.' }],
    },
  },
  { files: ['src/host/**', 'src/extension.ts', 'src/config.ts', 'src/log.ts', 'test/vscode/**', 'test/e2e/**'], rules: { 'no-restricted-syntax': 'off' } },
  { files: ['src/core/**'], rules: { 'no-restricted-imports': layerRule() } },
  ...CORE_FEATURES.map((feature) => ({
    files: [`src/core/${feature}/**`],
    rules: { 'no-restricted-imports': layerRule([{ group: otherFeatures(feature), message: `src/core/${feature} does not build on another feature folder: move what both need into a shared folder.` }]) },
  })),
  { files: ['src/runner/**'], rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/host/*', '**/webview/*', '**/extension'], message: 'The runner never imports the host.' }] }] } },
);
