import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.tmp/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    rules: {
      // Security: nothing from data may reach innerHTML or be evaluated as code.
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-restricted-properties': ['error',
        { property: 'innerHTML', message: 'Data never reaches innerHTML; use lit templates or textContent.' },
        { property: 'outerHTML', message: 'Data never reaches outerHTML.' }],
      'no-restricted-imports': ['error', { paths: [
        { name: 'lit/directives/style-map.js', message: "styleMap writes a style attribute, refused under style-src 'self'; use cssProps from base/css-props.ts." },
        { name: 'lit/directives/unsafe-html.js', message: 'Nothing from data reaches innerHTML.' },
      ] }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
