// Defines `kaohe-payslip` as KaohePayslipView (guarded, see KaoheElement.define): the service's payslip,
// decided and computed there, without the pay engine. The script-tag loader imports this module instead
// of register.ts on a page configured with a server, where every payslip is the server's (issue 14).
import { KaohePayslipView } from './kaohe-payslip-view.ts';

KaohePayslipView.define('kaohe-payslip');

export { KaohePayslipView };
