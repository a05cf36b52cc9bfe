// The chain the machine runs (normaliseChain), kept per chain object: the machine is built from it
// (appraisal.ts's machineFor), and who may read a record is judged on it without building the machine
// (visibility.ts). A module of its own, so the pages that only read a chain's steps (the inbox on the
// server) do not carry it.
import type { Chain } from './chain.ts';
import { normaliseChain } from './chain.ts';

const normalised = new WeakMap<Chain, Chain>();

/** `normaliseChain(chain)`, worked out once per chain object. Throws as normaliseChain does. */
export function normalisedChain(chain: Chain): Chain {
  let found = normalised.get(chain);
  if (!found) {
    found = normaliseChain(chain);
    normalised.set(chain, found);
  }
  return found;
}
