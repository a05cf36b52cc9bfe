// The API's module of the split build, imported by the script-tag loader at the first call that needs it.
export { KaoheApi } from './kaohe.ts';
