export { HttpService, KaoheRefusedError, hrReadsKey, type HttpServiceOptions, type LiveListener } from './http-service.ts';
export { KaoheAuthError, KaoheServerError, refusalOf } from './problem.ts';
export { KaoheOfflineError, Transport, apiBase, type TokenRequest, type TokenSource, type TransportOptions } from './transport.ts';
export { LiveNotices, backoffDelay, type LiveNotice, type LiveOptions, type LiveState } from './live.ts';
export { OfflineService, type OfflineServiceOptions, type OutboxStatus, type SentAction } from './offline-service.ts';
export { Outbox, outboxName, type OutboxItem, type OutboxWork } from './outbox.ts';
