// Defines the builder's tags (and the rubric form its preview uses), each guarded by
// KaoheElement.define. A separate entry, so pages without the builder never load it.
import { KaoheRubricForm } from '../kaohe-rubric-form/rubric-form.ts';
import { KaoheChainEditor } from './chain-editor.ts';
import { KaoheFormBuilder } from './form-builder.ts';

KaoheRubricForm.define('kaohe-rubric-form');
KaoheChainEditor.define('kaohe-chain-editor');
KaoheFormBuilder.define('kaohe-form-builder');

export * from './index.ts';

declare global {
  interface HTMLElementTagNameMap {
    'kaohe-form-builder': KaoheFormBuilder;
    'kaohe-chain-editor': KaoheChainEditor;
  }
}
