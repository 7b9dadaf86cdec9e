// `tsx tests/bench/soak/compare-snapshots.ts BEFORE.heapsnapshot AFTER.heapsnapshot [N]`: what grew between two
// heap snapshots of one window (the soak bench writes them with --heap-snapshots), by constructor: objects and
// self bytes added, the N largest first, as JSON. A first look at what a window keeps; DevTools' comparison
// view gives the retainers.
import { readFile } from 'node:fs/promises';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
  nodes: number[];
  strings: string[];
}

interface Group {
  count: number;
  bytes: number;
}

/** Objects and self bytes per `type:name` (a constructor, a closure's name, `(string)` …). */
export function groupByConstructor(snapshot: Snapshot): Map<string, Group> {
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const groups = new Map<string, Group>();
  for (let index = 0; index < snapshot.nodes.length; index += width) {
    const type = types[snapshot.nodes[index + typeAt]!]!;
    const rawName = snapshot.strings[snapshot.nodes[index + nameAt]!] ?? '';
    // Strings and numbers by type only: their names are their contents.
    const name = type === 'string' || type === 'number' || type === 'concatenated string' ? '' : rawName;
    const key = `${type}:${name.slice(0, 80)}`;
    const group = groups.get(key) ?? { count: 0, bytes: 0 };
    group.count++;
    group.bytes += snapshot.nodes[index + sizeAt]!;
    groups.set(key, group);
  }
  return groups;
}

async function main(): Promise<void> {
  const [beforePath, afterPath, limit = '30'] = process.argv.slice(2);
  if (!beforePath || !afterPath) throw new Error('usage: compare-snapshots BEFORE AFTER [N]');
  const [before, after] = await Promise.all(
    [beforePath, afterPath].map(async (file) =>
      groupByConstructor(JSON.parse(await readFile(file, 'utf8')) as Snapshot),
    ),
  );
  const rows = [...new Set([...before!.keys(), ...after!.keys()])].map((key) => {
    const was = before!.get(key) ?? { count: 0, bytes: 0 };
    const is = after!.get(key) ?? { count: 0, bytes: 0 };
    return { key, count: is.count - was.count, bytes: is.bytes - was.bytes, totalBytes: is.bytes };
  });
  const total = (groups: Map<string, Group>) => [...groups.values()].reduce((sum, g) => sum + g.bytes, 0);
  rows.sort((a, b) => Math.abs(b.bytes) - Math.abs(a.bytes));
  console.log(
    JSON.stringify(
      {
        totalBytes: { before: total(before!), after: total(after!) },
        grown: rows.slice(0, Number(limit)),
      },
      null,
      2,
    ),
  );
}

if (process.argv[1]?.endsWith('compare-snapshots.ts')) {
  main().catch((error: unknown) => {
    console.error((error as Error).stack ?? error);
    process.exit(1);
  });
}
