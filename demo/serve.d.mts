import type { IncomingMessage, Server, ServerResponse } from 'node:http';

export const CSP: string;
export const defaultRoutes: Array<[prefix: string, folder: string]>;
export function staticHandler(options?: { routes?: Array<[prefix: string, folder: string]>; csp?: string }): (request: IncomingMessage, response: ServerResponse) => Promise<void>;
export function startServer(options?: {
  port?: number;
  host?: string;
  routes?: Array<[prefix: string, folder: string]>;
  csp?: string;
}): Promise<{ server: Server; url: string }>;
