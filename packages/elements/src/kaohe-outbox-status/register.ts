// Defines `kaohe-outbox-status` alone (guarded, see KaoheElement.define).
import { KaoheOutboxStatus } from './kaohe-outbox-status.ts';

KaoheOutboxStatus.define('kaohe-outbox-status');

export { KaoheOutboxStatus };
