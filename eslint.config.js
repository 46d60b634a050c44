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
  // IPC goes through the typed contract: raw ipcMain only in electron/main/ipc-*.ts, raw ipcRenderer only in
  // the preload. The engine and the renderer never import Electron (the engine runs in the CLI and web mode too;
  // the renderer reaches the main process only through window.callSentinel).
  {
    files: ['**/*.{ts,js,mjs,cjs}'],
    ignores: ['electron/main/ipc-*.ts', 'electron/preload/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'electron/main', 'electron/renderer', 'electron/common'].map((name) => ({
            name,
            importNames: ['ipcMain', 'ipcRenderer'],
            message:
              'Use the typed IPC contract (electron/main/ipc-contract.ts, ipc-main.ts, the preload bridge).',
          })),
        },
      ],
    },
  },
  {
    files: ['engine/**', 'renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ regex: '^electron(/.*)?$', message: 'engine/ and renderer/ do not import Electron.' }],
        },
      ],
    },
  },
  { files: ['**/*.js'], languageOptions: { globals: { process: 'readonly', console: 'readonly' } } },
);
