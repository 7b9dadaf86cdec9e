// The audit page's requests: a page of the journal and its CSV export, for administrators (the access check is
// CoreSession's). Looking is journaled before the answer: who queried, with which filter.
import { ProtocolError, journalExportLimit, type JournalFilter } from '@shared/protocol';
import type { JournalInput } from '@shared/model/journal';
import type { CoreSession, HandlerGroup } from '../session';
import { journalCsv, queryJournalPage } from './query-journal';

/** Where the handlers write their own records (the Audit, which fills in the actor). */
export interface JournalAuditor {
  recordDurably(session: CoreSession, record: Omit<JournalInput, 'actor'>): Promise<void>;
}

/** The filter as a record's detail: only what was set (a record's detail is plain JSON). */
function given(filter: JournalFilter): Record<string, string | number | boolean> {
  return Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined));
}

export function journalHandlers(
  journal: { readonly stateDir: string } | null,
  audit: JournalAuditor,
): HandlerGroup<'journal.query' | 'journal.export'> {
  const stateDir = (): string => {
    if (!journal) throw new ProtocolError('rejected', '本次运行未开启日志（--no-journal）');
    return journal.stateDir;
  };
  return {
    async 'journal.query'({ filter, pageSize, cursor }, { session }) {
      const directory = stateDir();
      // Journaled (and durable) before anything is read: a look that cannot be recorded is not answered.
      await audit.recordDurably(session, {
        action: 'journal.queried',
        target: { kind: 'journal' },
        result: 'ok',
        detail: { filter: given(filter), pageSize, ...(cursor === undefined ? {} : { cursor }) },
      });
      // Checked against the record schema: the console validates the answer, and one hand-edited line must
      // not keep the auditor from every other record (verify names it; the page says how many).
      const page = await queryJournalPage(
        directory,
        { ...filter, limit: pageSize, beforeSeq: cursor },
        { isSchemaChecked: true },
      );
      return {
        records: page.records,
        nextCursor: page.nextCursor,
        total: page.total,
        isTotalExact: page.isTotalExact,
        malformed: page.malformed,
      };
    },
    async 'journal.export'({ filter }, { session }) {
      const directory = stateDir();
      const page = await queryJournalPage(
        directory,
        { ...filter, limit: journalExportLimit },
        { countBudget: 1 },
      );
      const isTruncated = page.nextCursor !== null;
      await audit.recordDurably(session, {
        action: 'export',
        target: { kind: 'journal' },
        result: 'ok',
        detail: { filter: given(filter), records: page.records.length, isTruncated },
      });
      return { csv: journalCsv(page.records), count: page.records.length, isTruncated };
    },
  };
}
