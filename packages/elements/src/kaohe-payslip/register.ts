// Defines `kaohe-payslip` alone (guarded, see KaoheElement.define): the payslip's own chunk.
import { KaohePayslip } from './kaohe-payslip.ts';

KaohePayslip.define('kaohe-payslip');

export { KaohePayslip };
