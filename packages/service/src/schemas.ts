// What crosses the service's boundary, as zod/mini schemas: the server parses requests with them and
// can publish them as JSON Schema (`z.toJSONSchema(schema, { unrepresentable: 'any' })`). Every value
// is plain JSON. Scoring's schemas (Entry, Attendance, Sheet) are reused, so an entry is checked the same way
// whether it comes from a form, the CLI or an HTTP client.
import { Attendance, Entry, Label, Period, Sheet, type ScoreResult } from '@kaohe/scoring';
import { FORWARD_ACTIONS } from '@kaohe/workflow';
import * as z from 'zod/mini';

const text = z.string();
const isoTime = z.iso.datetime({ offset: true });
// a day of the calendar (zod's ISO date: 2026-02-29 and 2026-13-45 are refused, not only ill-formed text)
const Day = z.iso.date('a day of the calendar as YYYY-MM-DD');
const EntryPatch = z.record(z.string(), z.nullable(Entry));
const edits = { entries: z.optional(EntryPatch), attendance: z.optional(Attendance) };

/** One action on an appraisal (workflow's `WorkflowAction`); unknown fields are refused. */
export const ActionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('draft.save'), group: z.optional(text), comment: z.optional(text), ...edits }),
  z.strictObject({ type: z.literal('step.submit'), comment: z.optional(text), ...edits }),
  z.strictObject({ type: z.literal('step.approve'), comment: z.optional(text), ...edits }),
  z.strictObject({ type: z.literal('step.resubmit'), comment: z.optional(text), ...edits }),
  z.strictObject({ type: z.literal('group.submit'), group: text, comment: z.optional(text), ...edits }),
  z.strictObject({ type: z.literal('step.return'), to: text, comment: text }),
  z.strictObject({ type: z.literal('appraisal.publish'), comment: z.optional(text) }),
  z.strictObject({ type: z.literal('employee.acknowledge'), comment: z.optional(text) }),
  z.strictObject({ type: z.literal('employee.appeal'), comment: text }),
  z.strictObject({ type: z.literal('hr.reopen'), reason: text, to: z.optional(text) }),
]);

export const ActionNameSchema = z.enum([
  'draft.save', 'step.submit', 'step.approve', 'step.resubmit', 'group.submit', 'step.return',
  'appraisal.publish', 'employee.acknowledge', 'employee.appeal', 'hr.reopen',
]);

export const ActOptionsSchema = z.strictObject({
  /** the revision the caller read; a write on top of any other is refused as `stale` */
  expectedRevision: z.optional(z.int().check(z.minimum(0))),
  /** ISO timestamp of the action; default: the service's clock */
  now: z.optional(isoTime),
  /**
   * The actor lends their own right to act to `to` from `start` to `end` (YYYY-MM-DD, both inclusive),
   * written with this action (a draft save under it re-routes the task at once). Nobody lends another's right.
   */
  lend: z.optional(z.strictObject({ to: z.string().check(z.minLength(1)), start: Day, end: Day })),
});
export type ActOptions = z.infer<typeof ActOptionsSchema>;

export const ViewOptionsSchema = z.strictObject({
  now: z.optional(isoTime),
  /** include the redacted audit history (one more store read); default true for `view`, false in `tasks` */
  history: z.optional(z.boolean()),
});
export type ViewOptions = z.infer<typeof ViewOptionsSchema>;

export const PageRequestSchema = z.strictObject({
  cursor: z.optional(text),
  limit: z.optional(z.int().check(z.minimum(1), z.maximum(1000))),
  now: z.optional(isoTime),
});
export type PageRequest = z.infer<typeof PageRequestSchema>;

export const OpenRequestSchema = z.strictObject({
  employee: z.string().check(z.minLength(1)),
  period: Period,
  now: z.optional(isoTime),
  /** who the audit names as opening it, when the service itself opens it (actor null); default `system` */
  openedBy: z.optional(z.string().check(z.minLength(1))),
});
export type OpenRequest = z.infer<typeof OpenRequestSchema>;

export const OpenPeriodRequestSchema = z.strictObject({ period: Period, now: z.optional(isoTime) });
export type OpenPeriodRequest = z.infer<typeof OpenPeriodRequestSchema>;

export const DraftInputSchema = z.strictObject({
  entries: z.record(z.string(), Entry),
  attendance: z.optional(Attendance),
  baseRevision: z.int().check(z.minimum(0)),
  /**
   * The revision of the person's own draft this save builds on (0: they had none). A newer one, saved
   * from another tab or window, is not replaced: the save is refused (`draft-conflict`). Without it
   * the draft is written whatever is stored.
   */
  draftRevision: z.optional(z.int().check(z.minimum(0))),
  savedAt: z.optional(isoTime),
});
export type DraftInput = z.infer<typeof DraftInputSchema>;

// ---- outputs ----

export const ProblemSchema = z.object({ path: text, rule: text, message: text });
export type ServiceProblem = z.infer<typeof ProblemSchema>;

export const ModeSchema = z.enum(['edit', 'review', 'readonly']);
export type ViewMode = z.infer<typeof ModeSchema>;

/** A comment along the chain. `author` is absent where the viewer may not learn who wrote it (TR-3). */
export const CommentSchema = z.object({
  at: text,
  step: text,
  stepLabel: Label,
  text,
  author: z.optional(z.object({ id: text, name: text })),
});
export type ViewComment = z.infer<typeof CommentSchema>;

/** One audit event as the viewer may see it: rebuilt whole, never the stored before → after. */
export const HistoryEntrySchema = z.object({
  seq: z.number(),
  at: text,
  action: text,
  /** absent where the viewer may not learn who acted (TR-3) */
  actor: z.optional(text),
  anonymous: z.optional(z.literal(true)),
  /** the step it was done at, and where the appraisal went */
  step: z.optional(text),
  to: z.optional(text),
  comment: z.optional(text),
  late: z.optional(z.literal(true)),
  /** the items (and `attendance`) it changed, of those the viewer may read */
  changed: z.optional(z.array(text)),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

/** The action a form's submit sends for this viewer (the step's forward action), with the group it hands in for. */
export const SubmitSchema = z.object({
  type: z.enum(FORWARD_ACTIONS),
  group: z.optional(text),
});
export type SubmitAction = z.infer<typeof SubmitSchema>;

const ScoreSchema = z.custom<ScoreResult>((value) => typeof value === 'object' && value !== null);

/** An appraisal as one person may see it (`view`). */
export const AppraisalViewSchema = z.object({
  id: text,
  employeeId: text,
  period: text,
  rubricId: text,
  rubricVersion: z.number(),
  chainId: text,
  status: z.enum(['open', 'inReview', 'approved', 'published', 'appealed', 'reopened']),
  step: text,
  stepKind: z.enum(['self', 'score', 'summarise', 'review', 'approve', 'publish']),
  stepLabel: Label,
  /** published (or appealed): the result is out */
  published: z.boolean(),
  /** who must act now (empty where the viewer may not learn it) */
  assignees: z.array(text),
  groupsDone: z.array(text),
  /** returned along the chain and waiting to be resubmitted */
  returned: z.boolean(),
  dueDate: z.optional(text),
  startDate: z.optional(text),
  overdue: z.boolean(),
  revision: z.number(),
  updatedAt: text,
  /** `anonymous` where the viewer may not learn who it was */
  updatedBy: text,
  /** only the entries of `visibleItems`; attendance only for who reads every item */
  sheet: Sheet,
  /** the scores, only for who may see them now */
  score: z.optional(ScoreSchema),
  visibleItems: z.array(text),
  editableItems: z.array(text),
  requiredItems: z.array(text),
  /** the form may change absent days */
  editsAttendance: z.boolean(),
  /** the groups the viewer scores for now (W-FS), in the step's order */
  groups: z.array(text),
  allowedActions: z.array(ActionNameSchema),
  /** the steps a return may go to */
  returnTo: z.array(text),
  submit: z.optional(SubmitSchema),
  mode: ModeSchema,
  /** it waits on the viewer now: it is on their task list (`tasks`) */
  task: z.boolean(),
  /** the delegators the viewer acts for here */
  onBehalfOf: z.optional(z.array(text)),
  comments: z.array(CommentSchema),
  history: z.optional(z.array(HistoryEntrySchema)),
});
export type AppraisalView = z.infer<typeof AppraisalViewSchema>;

export const RefusalCodeSchema = z.string();

/** A refused command or read: a code a program branches on, a message a person reads, the fields at fault. */
export const RefusalSchema = z.object({
  ok: z.literal(false),
  code: text,
  message: text,
  problems: z.optional(z.array(ProblemSchema)),
  /** with `stale`: the appraisal as it stands now, as the caller may see it */
  appraisal: z.optional(AppraisalViewSchema),
});

export const ActResultSchema = z.union([
  z.object({
    ok: z.literal(true), revision: z.number(), step: text,
    status: z.enum(['open', 'inReview', 'approved', 'published', 'appealed', 'reopened']), appraisal: z.optional(AppraisalViewSchema),
  }),
  RefusalSchema,
]);

export { Entry as EntrySchema, Sheet as SheetSchema };
