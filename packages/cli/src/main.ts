// The process entry point (bin/kaohe.mjs imports it): run the command line and set the exit code.
// Setting process.exitCode instead of calling exit() lets stdout drain when it is a pipe.
import { run } from './run.ts';

process.exitCode = await run(process.argv.slice(2));
