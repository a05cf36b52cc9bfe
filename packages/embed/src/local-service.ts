// The page's own application service over its store (no server): the workflow machine (xstate) and the
// service's write path. Imported by service.ts at the first call of the page's service (an action, the
// inbox's tasks, a payslip), so a page on the server, or one that only shows a rubric form, never
// downloads xstate; the ESM entry and kaohe-hr.js import it at once. The IndexedDB store comes apart
// (local-store.ts), when the store is first read or written.
import { createService } from '@kaohe/service';
import { chainPresets } from '@kaohe/workflow';

/**
 * The page's own service, for service.ts's `provideLocalService`. The context's chains are `{}` until the
 * preset chains are loaded (chains.ts); the service, which carries the presets with the workflow machine,
 * puts them under the context's own. Nothing here imports the API's modules, so they stay one chunk.
 */
export const localService: typeof createService = (options) => createService({
  ...options,
  chains: async () => ({ ...chainPresets, ...(typeof options.chains === 'function' ? await options.chains() : options.chains) }),
});
