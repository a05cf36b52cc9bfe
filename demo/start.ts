// `npm start`: the demo intranet and the Kaohe server behind it, in one process (demo/server/intranet.ts).
// PORT (default 5173) and KAOHE_DEMO_DATA (default demo/.data) may be set.
import { startIntranet } from './server/intranet.ts';

const port = Number(process.env['PORT'] ?? 5173);
let last = 0;
const intranet = await startIntranet({
  port,
  ...(process.env['KAOHE_DEMO_DATA'] ? { dataDir: process.env['KAOHE_DEMO_DATA'] } : {}),
  onSeedProgress: (done, total) => {
    // One line per tenth: the first start writes ~120 appraisals through the server.
    if (done === total || done - last >= Math.ceil(total / 10)) {
      last = done;
      console.log(`Kaohe demo: seeding through the Kaohe server ${done}/${total}`);
    }
  },
});
console.log(`Kaohe demo: ${intranet.url}  (sign in as anyone; ${intranet.url}?mode=local runs without a server)  Ctrl+C to stop`);
console.log(`Kaohe server: ${intranet.kaoheUrl() ?? ''}/api/v1, also at ${intranet.url}kaohe-api/api/v1 (same origin as the page)`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    intranet.close().then(() => process.exit(0), (error: unknown) => {
      console.error(error);
      process.exit(1);
    });
  });
}
