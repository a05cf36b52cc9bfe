// The shapes a host hands the API and gets back: configuration, presets, options. Types only.
import type { Locale, PayPlanInput, RubricInput } from '@kaohe/scoring';
import type { PayFigures } from '@kaohe/service';
import type { KaoheStore } from '@kaohe/store';
import type { Chain, Directory } from '@kaohe/workflow';
import type { TokenSource } from '@kaohe/client';
import type { KaoheAssignment } from './context.ts';

export interface KaoheConfig {
  /** the signed-in user's id (a person of `directory`; with `server`, the token's `sub`) */
  user: string;
  /** the people and delegations; with `server`, read from the server when not given */
  directory?: Directory;
  /**
   * The Kaohe server's address (absolute, or a path of the page's origin such as `/kaohe-api`, under
   * which its `/api/v1` lives). With it, every element that talks to the service talks to the server
   * for the person in the token; without it, everything stays in this browser's IndexedDB.
   */
  server?: string;
  /**
   * With `server`: returns the signed-in person's JWT, signed by the intranet's backend. Called for
   * every request, and again with `{ reason: 'refresh' }` after the server answered 401 (the request
   * is then retried once), so a host may cache its token and renew it when asked.
   */
  token?: TokenSource;
  /** where appraisals live; default: IndexedDB named after the host page (`kaoheDatabaseName`) */
  store?: KaoheStore;
  /** the IndexedDB name when `store` is not given; default `kaohe:<location.host>` */
  databaseName?: string;
  locale?: Locale;
  /** extra or replacement rubrics, as JSON; the presets (once loaded) stay available under their ids */
  rubrics?: RubricInput[] | Record<string, RubricInput>;
  chains?: Chain[] | Record<string, Chain>;
  payPlans?: PayPlanInput[] | Record<string, PayPlanInput>;
  /**
   * Without a server: what the payroll system knows of a person's month besides the scores (pay total,
   * plan completion …), by the plan's input names, for payslips (`kaohe-payslip appraisal=…`) and HR's
   * payroll. With a server, the server's installation supplies it (its catalogue's `payValues`).
   */
  payValues?: PayFigures;
  /**
   * role id → rubric, chain and pay plan; merged over `defaultAssignments`. A default whose rubric is
   * a preset applies once the presets are loaded, and names its preset pay plan once that is there;
   * one of yours must name a rubric and chain given here.
   */
  assignments?: Record<string, KaoheAssignment>;
  /** a fixed time (ISO) for demos and tests: actions are stamped with it and deadlines judged by it */
  now?: string;
  /**
   * The company's IANA time zone (`Asia/Shanghai`): which day it is — due dates, overdue, delegation
   * ranges, the month an action belongs to — is judged on its calendar, and every date and time the
   * elements show is on its clock. Default: UTC.
   */
  timeZone?: string;
}

/** The rubrics, chains and pay plans of domain/rules.md, as JSON a host may copy and edit. */
export interface KaohePresets {
  /** empty until the presets file is loaded (`Kaohe.loadPresets()` or its own script tag) */
  readonly rubrics: Readonly<Record<string, RubricInput>>;
  readonly chains: Readonly<Record<string, Chain>>;
  /** P-1 … P-3; empty until the presets file is loaded, like `rubrics` */
  readonly payPlans: Readonly<Record<string, PayPlanInput>>;
  readonly assignments: Readonly<Record<string, KaoheAssignment>>;
}

/** How this copy of the bundle finds the presets file when `loadPresets` is given no URL. */
export interface KaoheApiOptions {
  /** the presets file's address, usually next to the core bundle's own */
  presetsUrl?: string | undefined;
  /** `script`: a `<script src>` for kaohe-presets.js (the IIFE); `module`: `import()` of kaohe-presets.mjs (the ESM) */
  presetsLoader?: 'script' | 'module';
  /**
   * Loads the element of a tag this copy does not define itself, resolving once it is defined (the
   * script-tag loader's per-element chunks); `create` and `openForm` wait for it.
   */
  elements?: (tag: string) => Promise<unknown>;
}

export interface OpenOptions {
  /** a person id of the directory */
  employee: string;
  /** YYYY-MM */
  period: string;
  /** ISO timestamp; default now */
  now?: string;
  /** who opens it; default the signed-in user */
  openedBy?: string;
}

export interface ActOptions {
  /** who acts; default the signed-in user */
  actor?: string;
  /** ISO timestamp; default now */
  now?: string;
  /**
   * The revision of the appraisal the page showed when the person chose the action (`view.revision`).
   * If the appraisal has moved on since, nothing is written and the result is `{ ok: false, code: 'stale',
   * appraisal }` with the appraisal as it stands now. A page that acts on what it shows passes it;
   * without it the action applies to whatever revision stands when it arrives.
   */
  expectedRevision?: number;
}
