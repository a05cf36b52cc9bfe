export * from './db/index.ts';
export { buildApp, API_PREFIX, BODY_LIMIT } from './http/app.ts';
export type { AppOptions, KaoheApp } from './http/app.ts';
export type { Access, AuthSettings, Caller } from './http/auth.ts';
export type { ProblemBody } from './http/problem.ts';
export { readConfig, ConfigError, SETTINGS } from './config.ts';
export type { ServerConfig, ServeFlags } from './config.ts';
export { startServer } from './serve.ts';
export type { RunningServer } from './serve.ts';
