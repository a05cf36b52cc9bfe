// The live-notice rule (design.md): who hears of an appraisal's change, and what. The writer names the
// audience once, holding both states (`audienceOf`); every listener — `subscribe`, a server's event
// streams — asks `told` what one viewer is told of a burst of changes, remembering nothing.
import type { ChangeAudience, KaoheStore } from '@kaohe/store';
import { canRead, readersOf, type AppraisalRecord, type Chain, type Directory, type WorkCalendar } from '@kaohe/workflow';
import { readingAt } from './view.ts';

/** An appraisal's change as a store or a server's notice carries it: the revision written and its audience (see `ChangeAudience`). */
export interface AppraisalChange {
  id: string;
  revision: number;
  /** absent when the writer named none (not written through a service): then whoever may read it now is told */
  audience?: ChangeAudience;
}

/** What a viewer is told of one appraisal: its id, and the revision only while they may read it. */
export interface ToldChange {
  appraisalId: string;
  revision?: number;
}

/**
 * The audience of a change, decided once by the writer, who holds both states: whoever may read
 * `after` (they are told its revision), and whoever could read `before` and may not read `after`
 * (told only that it is gone from their sight). Nobody else hears of it. It travels with the change
 * (the store's notice, a server's NOTIFY), so no listener anywhere needs to remember what it showed.
 */
export function audienceOf(before: AppraisalRecord | undefined, after: AppraisalRecord, dir: Directory, chain: Chain, at: string, calendar: WorkCalendar | undefined): ChangeAudience {
  const readers = readersOf(after, dir, chain, readingAt(after, at, calendar));
  const now = new Set(readers);
  return { readers, gone: before ? readersOf(before, dir, chain, readingAt(before, at, calendar)).filter((id) => !now.has(id)) : [] };
}

/** What `told` reads for a change that names no audience: the appraisal, the directory and chains, as they are now. */
export interface NowReader {
  store: Pick<KaoheStore, 'getAppraisal'>;
  directory(): Promise<Directory>;
  chains(): Promise<Readonly<Record<string, Chain>>>;
  now(): string;
  calendar: WorkCalendar | undefined;
}

/**
 * The one rule for who hears of a change (subscribe's, and the server's event streams'): whoever its
 * audience names. A change that names none (written by something other than a service) is told, at
 * the revision read now, to whoever may read the appraisal now, as `view` would show it; to a viewer
 * an earlier change of the same burst named, and who may not read it now, it is gone (the id alone).
 * Of several changes to one appraisal the viewer is told once, as the last that concerns them says.
 */
export async function told(viewerId: string, changes: readonly AppraisalChange[], reader: NowReader): Promise<ToldChange[]> {
  const unnamed = [...new Set(changes.filter((change) => !change.audience).map((change) => change.id))];
  // id → the revision read now where the viewer may read it now, absent where not
  const readableNow = new Map<string, number>();
  if (unnamed.length > 0) {
    const [dir, chainsById] = await Promise.all([reader.directory(), reader.chains()]);
    const at = reader.now();
    const records = await Promise.all(unnamed.map((id) => reader.store.getAppraisal(id).catch(() => undefined)));
    for (const record of records) {
      const chain = record ? chainsById[record.chainId] : undefined;
      if (record && chain && canRead(record, viewerId, dir, chain, readingAt(record, at, reader.calendar))) readableNow.set(record.id, record.revision);
    }
  }
  const byId = new Map<string, ToldChange>();
  for (const { id, revision, audience } of changes) {
    // the revision this change tells the viewer, where it leaves them a reader
    const revisionTold = audience ? (audience.readers.includes(viewerId) ? revision : undefined) : readableNow.get(id);
    if (revisionTold !== undefined) byId.set(id, { appraisalId: id, revision: revisionTold });
    // gone: named so, or (naming nobody) unreadable now to a viewer an earlier change of the burst told
    else if (audience ? audience.gone.includes(viewerId) : byId.has(id)) byId.set(id, { appraisalId: id });
  }
  return [...byId.values()];
}
