// Browser tests run in Debian's Chromium (see shared toolchain notes): no browser download here.
import { transform } from 'esbuild';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const filter = process.env.KAOHE_BROWSER_TESTS;

export default {
  files: [...(filter ? filter.split(',') : ['packages/*/test/**/*.browser.test.ts', 'tests/**/*.browser.test.ts']), '!**/node_modules/**'],
  nodeResolve: { exportConditions: ['browser', 'default'] },
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.esbuild.json' }),
    // papaparse ships only CommonJS; the dev server serves ES modules, so convert it on the way.
    {
      name: 'papaparse-esm',
      async transform(context) {
        if (!/\/papaparse\/papaparse(\.min)?\.js$/.test(context.path)) return undefined;
        return { body: (await transform(context.body, { format: 'esm', target: 'es2022' })).code };
      },
    },
  ],
  concurrency: 1,
  testFramework: { config: { timeout: 20000 } },
  testsFinishTimeout: 300000,
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        userDataDir: mkdtempSync(join(tmpdir(), 'kaohe-wtr-')),
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
          '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      },
    }),
  ],
};
