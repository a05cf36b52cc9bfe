// The page's own service before its module is here (issue 14): a listener subscribed while that module
// failed to download (offline) is not lost — it is attached when a later call loads the service, so
// the inbox keeps hearing live notices; and the failure is told, not swallowed.
import { expect } from '@open-wc/testing';
import { rubricPresets } from '@kaohe/scoring/presets';
import { MemoryStore } from '@kaohe/store';
import type { Directory } from '@kaohe/workflow';
import { KaoheApi } from '../src/kaohe.ts';
import { provideLocalService, provideLocalServiceImport, serviceFor } from '../src/service.ts';

const directory: Directory = {
  people: [
    { id: 'V1', name: 'Vice President Zhao', roles: ['vp'] },
    { id: 'P1', name: 'Planning Head Sun', roles: ['salesPlanningHead'], managerId: 'V1' },
    { id: 'P2', name: 'Planner Li', roles: ['salesPlanning'], managerId: 'P1' },
    { id: 'R1', name: 'North Manager Zhou', roles: ['regionalManager'], region: 'north', managerId: 'P1' },
    { id: 'S1', name: 'Wang Xiaoming', roles: ['salesperson'], region: 'north', managerId: 'R1' },
  ],
};

describe('the page\'s own service, loaded at its first call', () => {
  it('a listener subscribed while its code failed to download hears the notices once a later call loads it', async () => {
    const kaohe = new KaoheApi();
    const context = await kaohe.configure({ user: 'V1', directory, store: new MemoryStore(), locale: 'en', rubrics: [rubricPresets['R-SP']!] });
    let online = false;
    provideLocalServiceImport(() => (online
      ? import('../src/local-service.ts').then(({ localService }) => provideLocalService(localService))
      : Promise.reject(new TypeError('Failed to fetch dynamically imported module: kaohe-chunk-local-service.js'))));
    const errors: string[] = [];
    const consoleError = console.error;
    console.error = (...words: unknown[]) => { errors.push(words.map(String).join(' ')); };
    const heard: string[] = [];
    try {
      serviceFor(context).subscribe('R1', (notice) => { heard.push(`${notice.type} ${'appraisalId' in notice ? String(notice.appraisalId) : ''}`); });
      await new Promise((resolve) => setTimeout(resolve, 50));
      // the failure is told
      expect(errors).to.have.length(1);
      expect(errors[0]).to.match(/^Kaohe: the page's service did not load.*TypeError: Failed to fetch dynamically imported module: kaohe-chunk-local-service\.js$/);

      online = true;
      const record = await kaohe.openAppraisal({ employee: 'S1', period: '2026-10', now: '2026-11-01T01:00:00.000Z' });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(heard).to.deep.equal([`changed ${record.id}`]);
      expect(record.id).to.equal('2026-10:S1');
    } finally {
      console.error = consoleError;
    }
  });
});
