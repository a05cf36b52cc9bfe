// Defines `kaohe-rubric-form` alone (guarded, see KaoheElement.define): the chunk a page with only a rubric form loads.
import { KaoheRubricForm } from './rubric-form.ts';

KaoheRubricForm.define('kaohe-rubric-form');

export { KaoheRubricForm };
