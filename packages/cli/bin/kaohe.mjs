#!/usr/bin/env node
// The CLI runs from its TypeScript sources: tsx compiles them on load, so there is no build step
// and `pnpm exec kaohe` always runs the code in the checkout.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
