// `tianmu journal verify|list`: checks a journal's chain (exit 1 on a bad chain) or prints its records as JSON
// lines or CSV. Reads the files only: safe beside a running core.
import { parseArgs } from 'node:util';
import { journalQuerySchema, type JournalQuery } from '@shared/model/journal';
import { describeIssues } from '@shared/protocol/validation';
import { describeVerifyResult, verifyJournal } from './verify-journal';
import { journalCsv, queryJournal } from './query-journal';

export const journalUsage = `usage: tianmu journal <verify|list> --state-dir DIR [options]

  verify            walk the whole hash chain; name the first bad record and exit 1 if there is one.
                    A torn last line (a write cut by a power loss) is reported and exits 0: the next start
                    quarantines it and notes the recovery in the journal.
  list              print records, newest first, as JSON lines (or CSV with --csv)
    --user ID  --camera ID  --action NAME  --from ISO  --to ISO  --limit N (default 500)  --csv
`;

export interface CliOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

const processOutput: CliOutput = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** Runs `journal …` (argv after the word `journal`); returns the exit code: 0 ok, 1 bad chain, 2 usage. */
export async function runJournalCli(argv: string[], output: CliOutput = processOutput): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'state-dir': { type: 'string' },
        user: { type: 'string' },
        camera: { type: 'string' },
        action: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        limit: { type: 'string' },
        csv: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    output.stderr(`${(error as Error).message}\n\n${journalUsage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const command = positionals[0];
  if (values.help) {
    output.stdout(journalUsage);
    return 0;
  }
  if (command === undefined) {
    output.stderr(journalUsage);
    return 2;
  }
  const stateDir = values['state-dir'];
  if (!stateDir) {
    output.stderr(`journal ${command}: --state-dir is required\n\n${journalUsage}`);
    return 2;
  }
  if (command === 'verify') {
    const result = await verifyJournal(stateDir);
    for (const line of describeVerifyResult(result)) output.stdout(`${line}\n`);
    return result.ok ? 0 : 1;
  }
  if (command === 'list') {
    const query: Record<string, unknown> = {
      userId: values.user,
      cameraId: values.camera,
      action: values.action,
      fromMs: values.from === undefined ? undefined : Date.parse(values.from),
      toMs: values.to === undefined ? undefined : Date.parse(values.to),
      limit: values.limit === undefined ? undefined : Number(values.limit),
    };
    for (const [name, option] of [
      ['fromMs', 'from'],
      ['toMs', 'to'],
    ] as const)
      if (Number.isNaN(query[name])) {
        output.stderr(`journal list: --${option} '${values[option]}' is not an ISO time\n`);
        return 2;
      }
    const checked = journalQuerySchema.safeParse(query);
    if (!checked.success) {
      output.stderr(`journal list: ${describeIssues(checked.error)}\n`);
      return 2;
    }
    const records = await queryJournal(stateDir, checked.data as JournalQuery);
    if (values.csv) output.stdout(journalCsv(records));
    else for (const record of records) output.stdout(`${JSON.stringify(record)}\n`);
    return 0;
  }
  output.stderr(`journal: unknown command '${command}'\n\n${journalUsage}`);
  return 2;
}
