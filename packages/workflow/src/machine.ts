// A chain becomes an xstate machine: one state per step, then `published`. The machine holds no
// directory: routing happens outside (`resolveActors`) and reaches it as a roster in its context,
// so the statechart stays a pure table of who may do what, when.
import { and, assign, setup } from 'xstate';
import type { Chain, ChainStep, StepKind } from './chain.ts';
import { isGroupStep } from './chain.ts';
import { normalisedChain } from './normalised-chain.ts';
import type { Cycle, KeptContext, TrailEntry } from './workflow-state.ts';
import { publishedState } from './workflow-state.ts';

export interface ChainContext extends KeptContext {
  employeeId: string;
  /** step id → who may act there now (delegates included, the employee excluded except at a self step) */
  roster: Record<string, string[]>;
  /** group step id → group → members */
  groupRoster: Record<string, Record<string, string[]>>;
  /** who may reopen a published appraisal */
  reopeners: string[];
}

export type ChainInput = Pick<ChainContext, 'employeeId' | 'roster'> & Partial<Omit<ChainContext, 'employeeId' | 'roster'>>;

interface EventBase {
  actor: string;
  /** ISO timestamp, recorded in the trail */
  at?: string;
  comment?: string;
}

export type ChainEvent =
  | (EventBase & { type: 'draft.save'; group?: string })
  | (EventBase & { type: 'step.submit' })
  | (EventBase & { type: 'step.approve' })
  | (EventBase & { type: 'step.return'; to: string })
  | (EventBase & { type: 'step.resubmit' })
  | (EventBase & { type: 'group.submit'; group: string })
  | (EventBase & { type: 'appraisal.publish' })
  | (EventBase & { type: 'employee.acknowledge' })
  | (EventBase & { type: 'employee.appeal' })
  | (EventBase & { type: 'hr.reopen'; reason: string; to?: string });

export type ChainEventType = ChainEvent['type'];

/** The event that moves a step forward, by its kind. */
export function forwardEventOf(step: ChainStep): 'step.submit' | 'step.approve' | 'appraisal.publish' | 'group.submit' {
  if (isGroupStep(step)) return 'group.submit';
  const byKind: Record<StepKind, 'step.submit' | 'step.approve' | 'appraisal.publish'> = {
    self: 'step.submit', score: 'step.submit', summarise: 'step.submit',
    review: 'step.approve', approve: 'step.approve', publish: 'appraisal.publish',
  };
  return byKind[step.kind];
}

// The predicates behind the guards. The façade (`act`) asks the same questions to explain a refusal,
// so a guard and its refusal reason can never disagree.
export const rules = {
  isAssignee: (context: ChainContext, actor: string, step: string): boolean => (context.roster[step] ?? []).includes(actor),
  isOwnAppraisal: (context: ChainContext, actor: string): boolean => actor === context.employeeId,
  hasText: (text: string | undefined): boolean => typeof text === 'string' && text.trim().length > 0,
  isGroupMember: (context: ChainContext, actor: string, step: string, group: string): boolean =>
    (context.groupRoster[step]?.[group] ?? []).includes(actor),
  groupPending: (context: ChainContext, group: string): boolean => !context.groupsDone.includes(group),
  allGroupsDone: (context: ChainContext, groups: readonly string[]): boolean => groups.every((group) => context.groupsDone.includes(group)),
  returnedBy: (context: ChainContext): string | undefined => context.returns[context.returns.length - 1],
  isReopener: (context: ChainContext, actor: string): boolean => context.reopeners.includes(actor),
};

function trailEntry(event: ChainEvent, step: string): TrailEntry {
  const entry: TrailEntry = { step, action: event.type, actor: event.actor, at: event.at ?? '' };
  const comment = event.type === 'hr.reopen' ? event.reason : event.comment;
  if (comment !== undefined && comment !== '') entry.comment = comment;
  if ((event.type === 'group.submit' || event.type === 'draft.save') && event.group !== undefined) entry.group = event.group;
  if (event.type === 'step.return') entry.to = event.to;
  if (event.type === 'hr.reopen' && event.to !== undefined) entry.to = event.to;
  return entry;
}

/** The named guards and actions every chain machine is built from; `.provide()` swaps any of them. */
export const chainSetup = setup({
  types: {
    context: {} as ChainContext,
    events: {} as ChainEvent,
    input: {} as ChainInput,
  },
  guards: {
    isAssignee: ({ context, event }, params: { step: string }) => rules.isAssignee(context, event.actor, params.step),
    notOwnAppraisal: ({ context, event }) => !rules.isOwnAppraisal(context, event.actor),
    isEmployee: ({ context, event }) => rules.isOwnAppraisal(context, event.actor),
    hasComment: ({ event }) => rules.hasText(event.comment),
    hasReason: ({ event }) => event.type === 'hr.reopen' && rules.hasText(event.reason),
    returnsTo: ({ event }, params: { to: string }) => event.type === 'step.return' && event.to === params.to,
    notReturned: ({ context }) => context.returns.length === 0,
    returnedBy: ({ context }, params: { step: string }) => rules.returnedBy(context) === params.step,
    isGroupMember: ({ context, event }, params: { step: string; group: string }) =>
      event.type === 'group.submit' && event.group === params.group && rules.isGroupMember(context, event.actor, params.step, params.group),
    groupPending: ({ context }, params: { group: string }) => rules.groupPending(context, params.group),
    /** draft.save at a group step: the actor belongs to a group that has not submitted yet */
    isPendingGroupMember: ({ context, event }, params: { step: string }) =>
      Object.keys(context.groupRoster[params.step] ?? {}).some((group) =>
        (event.type !== 'draft.save' || event.group === undefined || event.group === group)
        && rules.groupPending(context, group) && rules.isGroupMember(context, event.actor, params.step, group)),
    allGroupsDone: ({ context }, params: { groups: string[] }) => rules.allGroupsDone(context, params.groups),
    isReopener: ({ context, event }) => rules.isReopener(context, event.actor),
    reopensAt: ({ event }, params: { step: string; fallback: string }) =>
      event.type === 'hr.reopen' && (event.to ?? params.fallback) === params.step,
    notAcknowledged: ({ context }) => !context.acknowledged,
  },
  actions: {
    recordTrail: assign(({ context, event }, params: { step: string }) => ({ trail: [...context.trail, trailEntry(event, params.step)] })),
    markGroupDone: assign(({ context }, params: { group: string }) => ({ groupsDone: [...context.groupsDone, params.group] })),
    resetGroups: assign({ groupsDone: () => [] }),
    pushReturn: assign(({ context }, params: { from: string }) => ({ returns: [...context.returns, params.from] })),
    popReturn: assign(({ context }) => ({ returns: context.returns.slice(0, -1) })),
    startAppeal: assign({ cycle: 'appeal' as Cycle, acknowledged: false, returns: () => [], groupsDone: () => [] }),
    startReopen: assign({ cycle: 'reopen' as Cycle, acknowledged: false, returns: () => [], groupsDone: () => [] }),
    endCycle: assign({ cycle: 'normal' as Cycle }),
    markAcknowledged: assign({ acknowledged: true }),
    noteDraft: assign(({ event }, params: { step: string }) => ({ lastDraft: trailEntry(event, params.step) })),
  },
});

type StateConfig = Parameters<typeof chainSetup.createStateConfig>[0];

/**
 * Builds the machine of a chain. Throws a KaoheInputError listing every problem of an invalid chain.
 * A chain without a publish step gets one (by `publishBy`, default hr).
 */
export function createChainMachine(input: Chain) {
  const chain = normalisedChain(input);
  const steps = chain.steps;
  const first = steps[0] as ChainStep;
  const reopenFallback = chain.reopenTo ?? first.id;
  const states: Record<string, StateConfig> = {};

  steps.forEach((step, index) => {
    const next = steps[index + 1]?.id ?? publishedState;
    const trail = { type: 'recordTrail', params: { step: step.id } } as const;
    const assignee = { type: 'isAssignee', params: { step: step.id } } as const;
    // Nobody approves or scores their own appraisal; a self step is the one place they act.
    const may = step.kind === 'self' ? and([assignee, 'isEmployee']) : and([assignee, 'notOwnAppraisal']);
    const returners = steps.filter((other) => other.returnTo?.includes(step.id)).map((other) => other.id);

    const on: Record<string, unknown> = {};
    const returns = (step.returnTo ?? []).map((to) => ({
      guard: and([may, 'hasComment', { type: 'returnsTo', params: { to } }]),
      target: to,
      actions: [trail, { type: 'pushReturn', params: { from: step.id } }],
    }));
    if (returns.length > 0) on['step.return'] = returns;

    if (isGroupStep(step)) {
      const groups = step.actor.groups;
      on['group.submit'] = groups.map((group) => ({
        guard: and([
          { type: 'isGroupMember', params: { step: step.id, group } },
          'notOwnAppraisal',
          { type: 'groupPending', params: { group } },
        ]),
        actions: [trail, { type: 'markGroupDone', params: { group } }],
      }));
      on['draft.save'] = {
        guard: and([{ type: 'isPendingGroupMember', params: { step: step.id } }, 'notOwnAppraisal']),
        actions: [{ type: 'noteDraft', params: { step: step.id } }],
      };
      states[step.id] = {
        entry: 'resetGroups',
        on,
        // The step completes by itself once the last group is in: nobody closes it by hand.
        always: [
          ...returners.map((returner) => ({
            guard: and([{ type: 'allGroupsDone', params: { groups } }, { type: 'returnedBy', params: { step: returner } }]),
            target: returner,
            actions: ['popReturn'],
          })),
          { guard: { type: 'allGroupsDone', params: { groups } }, target: next },
        ],
      } as StateConfig;
      return;
    }

    if (step.kind === 'publish') {
      on['appraisal.publish'] = { guard: may, target: publishedState, actions: [trail, 'endCycle'] };
    } else {
      on['draft.save'] = { guard: may, actions: [{ type: 'noteDraft', params: { step: step.id } }] };
      on[forwardEventOf(step)] = { guard: and([may, 'notReturned']), target: next, actions: [trail] };
      const resubmits = returners.map((returner) => ({
        guard: and([may, { type: 'returnedBy', params: { step: returner } }]),
        target: returner,
        actions: [trail, 'popReturn'],
      }));
      if (resubmits.length > 0) on['step.resubmit'] = resubmits;
    }
    // The transitions are generated from data, so they are checked by the chain validator and the
    // tests rather than by xstate's per-event types.
    states[step.id] = { on } as StateConfig;
  });

  const trail = { type: 'recordTrail', params: { step: publishedState } } as const;
  states[publishedState] = {
    on: {
      'employee.acknowledge': { guard: and(['isEmployee', 'notAcknowledged']), actions: [trail, 'markAcknowledged'] },
      'employee.appeal': { guard: and(['isEmployee', 'notAcknowledged', 'hasComment']), target: chain.appealTo, actions: [trail, 'startAppeal'] },
      'hr.reopen': steps.filter((step) => step.kind !== 'publish').map((step) => ({
        guard: and(['isReopener', 'notOwnAppraisal', 'hasReason', { type: 'reopensAt', params: { step: step.id, fallback: reopenFallback } }]),
        target: step.id,
        actions: [trail, 'startReopen'],
      })),
    },
  };

  return chainSetup.createMachine({
    id: chain.id,
    initial: first.id,
    context: ({ input: start }) => ({
      employeeId: start.employeeId,
      roster: start.roster,
      groupRoster: start.groupRoster ?? {},
      reopeners: start.reopeners ?? [],
      cycle: start.cycle ?? 'normal',
      groupsDone: start.groupsDone ?? [],
      returns: start.returns ?? [],
      acknowledged: start.acknowledged ?? false,
      trail: start.trail ?? [],
      lastDraft: start.lastDraft ?? null,
    }),
    states,
  });
}

export type ChainMachine = ReturnType<typeof createChainMachine>;
