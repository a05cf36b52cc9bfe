// Kaohe.configure({ server, token }): the page talks to the Kaohe server instead of its own IndexedDB.
// The context gets the server's client (@kaohe/client's HttpService, the same KaoheService interface
// the page's own service has), and the people the elements name come from the server unless the host
// hands them over. Nothing here decides anything: the server does.
import { HttpService, OfflineService, Outbox, outboxName } from '@kaohe/client';
import { KaoheInputError } from '@kaohe/scoring';
import type { Directory } from '@kaohe/workflow';
import type { KaoheConfig } from './api-types.ts';

export interface ServerConnection {
  service: OfflineService | HttpService;
  directory: Directory;
}

/**
 * The server's client for `config.user`, and the directory (the host's, or the server's).
 * @throws KaoheInputError when `token` is missing; whatever the server answers to the first read otherwise
 */
export async function connectServer(config: KaoheConfig & { server: string }): Promise<ServerConnection> {
  if (typeof config.token !== 'function') {
    throw new KaoheInputError('Kaohe configuration', [{ path: 'token', rule: 'required', message: 'with a server, token is a function that returns the signed-in person\'s JWT' }]);
  }
  if (typeof config.server !== 'string' || config.server === '') {
    throw new KaoheInputError('Kaohe configuration', [{ path: 'server', rule: 'url', message: 'server is the Kaohe server\'s address, such as /kaohe-api' }]);
  }
  const http = new HttpService({ server: config.server, token: config.token, user: config.user });
  // The outbox keeps what is typed while the server cannot be reached (and what was last read, for a
  // reload while offline). A browser without IndexedDB (a locked-down private window) still works online.
  let service: OfflineService | HttpService = http;
  try {
    service = await OfflineService.open(http, await Outbox.open(outboxName(config.server, config.user)));
  } catch (error) {
    console.warn(`Kaohe: IndexedDB is unavailable (${error instanceof Error ? error.message : String(error)}); `
      + 'without it, work typed while the server cannot be reached is not kept.');
  }
  const directory = config.directory ?? await service.directory();
  return { service, directory };
}
