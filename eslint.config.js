import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'models/vendor/**',
      'dist/**',
      'coverage/**',
      '.scratch/**',
      'test-artifacts/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // Only bin/ may end the process; everything else returns exit codes (see engine/cli).
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'exit', message: 'Return an exit code instead.' },
      ],
    },
  },
  { files: ['bin/**', 'scripts/**'], rules: { 'no-restricted-properties': 'off' } },
  { files: ['**/*.js'], languageOptions: { globals: { process: 'readonly', console: 'readonly' } } },
);
