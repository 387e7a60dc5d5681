import tseslint from 'typescript-eslint';

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
);
