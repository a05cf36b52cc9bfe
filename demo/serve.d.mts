import type { Server } from 'node:http';

export const CSP: string;
export const defaultRoutes: Array<[prefix: string, folder: string]>;
export function startServer(options?: {
  port?: number;
  host?: string;
  routes?: Array<[prefix: string, folder: string]>;
  csp?: string;
}): Promise<{ server: Server; url: string }>;
