// `pnpm manifest` writes custom-elements.json from the elements' JSDoc (@customElement, @fires,
// @csspart, @cssprop): editors and docs tools read it; the test command checks it is current
// (scripts/check-manifest.sh, which `--write` regenerates it with).
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts'],
  outdir: '.',
  litelement: true,
};
