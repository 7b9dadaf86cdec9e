// A child process for the journal's kill -9 test: appends bursts of records to the journal of a state folder
// until it is killed, printing the newest durable seq after each burst.
import { Journal } from '../../electron/core/journal/journal';

const stateDir = process.argv[2];
if (!stateDir) throw new Error('usage: journal-append-loop.ts STATE_DIR');
const journal = await Journal.open({ stateDir, log: () => undefined });
for (let burst = 0; ; burst++) {
  const records = await Promise.all(
    Array.from({ length: 1 + (burst % 50) }, (_, index) =>
      journal.append({
        actor: { userId: 'operator-1', role: 'operator', window: 'console' },
        action: 'command',
        target: { kind: 'wall', id: 'left' },
        result: 'ok',
        // A long detail makes each write take long enough for a kill to land in it now and then.
        detail: { burst, index, padding: '天幕'.repeat(200 + (index % 300)) },
      }),
    ),
  );
  process.stdout.write(`${records.at(-1)!.seq}\n`);
}
