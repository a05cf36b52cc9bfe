// The demo company written into the Kaohe server the way an intranet's backend and its people would:
// the directory by PUT /api/v1/directory and each appraisal opened by POST /api/v1/appraisals, both
// with the service token; then every action of demo/src/seed.ts's plan sent by POST
// /api/v1/appraisals/:id/actions as the person who takes it, with that person's own JWT. The server
// decides each step (the chain, who may act, what it scores) exactly as for a person at a browser.
import { loadRubric, type Rubric } from '@kaohe/scoring';
import { rubricPresets } from '@kaohe/scoring/presets';
import { assignedRole, chainPresets, presetAssignments, type Chain, type Directory } from '@kaohe/workflow';
import { assignments as shopAssignments, buildDirectory, seedPlan, shopChain, type SeedAppraisal } from '../src/seed.ts';

/** The demo's rubric and chain for each role: the presets and the online shop's W-SHOP (demo/src/seed.ts). */
export const demoAssignments = { ...presetAssignments, ...shopAssignments } as const;
export const demoChains: Readonly<Record<string, Chain>> = { ...chainPresets, [shopChain.id]: shopChain };

/** The seed's plan with the rubrics as the server stores them (the presets, version 1). */
function serverSeedPlan(directory: Directory = buildDirectory()): SeedAppraisal[] {
  const rubrics = new Map<string, Rubric>();
  const rubricOf = (id: string): Rubric | undefined => {
    const input = rubricPresets[id];
    if (!input) return undefined;
    if (!rubrics.has(id)) rubrics.set(id, loadRubric(input));
    return rubrics.get(id);
  };
  return seedPlan(directory, (person) => {
    const role = assignedRole(person, demoAssignments) as keyof typeof demoAssignments | undefined;
    const assignment = role && demoAssignments[role];
    const rubric = assignment && rubricOf(assignment.rubric);
    const chain = assignment && demoChains[assignment.chain];
    return rubric && chain ? { rubric, chain } : undefined;
  });
}

export interface SeedTarget {
  /** the Kaohe server's own address, http://host:port (the demo server's process talks to it directly) */
  url: string;
  serviceToken: string;
  /** a person's JWT, as the intranet's backend signs it at sign-in */
  tokenFor(personId: string): Promise<string>;
  /** sets the moment the Kaohe server judges the next request at (the plan's), or undefined for its own clock again */
  setClock(at: string | undefined): void;
}

async function call(target: SeedTarget, method: string, path: string, bearer: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${target.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) as unknown : undefined };
}

/**
 * Sends the directory and plays the plan. An appraisal the server already has (409 on opening) is left
 * as it is, so a restart on the same data adds nothing. Returns how many appraisals were written.
 */
export async function seedServer(target: SeedTarget, onProgress?: (done: number, total: number) => void): Promise<number> {
  const directory = buildDirectory();
  const sent = await call(target, 'PUT', '/directory', target.serviceToken, directory);
  if (sent.status !== 200) throw new Error(`demo seed: the directory was refused (${sent.status}): ${JSON.stringify(sent.body)}`);
  const plan = serverSeedPlan(directory);
  let seeded = 0;
  let done = 0;
  try {
    for (const appraisal of plan) {
      target.setClock(appraisal.openedAt);
      const opened = await call(target, 'POST', '/appraisals', target.serviceToken, { employee: appraisal.employee, period: appraisal.period });
      if (opened.status === 201) {
        // Each action names the revision its actor read, as a person's page does.
        let revision = (opened.body as { revision: number }).revision;
        for (const { actor, action, now } of appraisal.steps) {
          target.setClock(now);
          const acted = await call(target, 'POST', `/appraisals/${encodeURIComponent(appraisal.id)}/actions`, await target.tokenFor(actor), { action, expectedRevision: revision });
          if (acted.status === 200) revision = (acted.body as { revision: number }).revision;
          if (acted.status !== 200) throw new Error(`demo seed: ${actor} ${action.type} on ${appraisal.id} was refused (${acted.status}): ${JSON.stringify(acted.body)}`);
        }
        seeded += 1;
      } else if (opened.status !== 409) {
        throw new Error(`demo seed: opening ${appraisal.id} was refused (${opened.status}): ${JSON.stringify(opened.body)}`);
      }
      onProgress?.(++done, plan.length);
    }
  } finally {
    target.setClock(undefined);
  }
  return seeded;
}
