// Adapter: REST polling with a declarative mapping. Polls every `intervalMs`; a failed poll (network, HTTP
// status, JSON, timeout) backs off with jitter before the next one, and the source shows as reconnecting.
import type { SourceOf } from '@shared/model/source';
import { applyMapping } from '@shared/feeds/apply-mapping';
import type { SourceAdapter, SourceSink } from '../source-sink';
import { Backoff } from '@shared/base/backoff';

/** Refuse answers larger than this: a broken backend must not exhaust memory. */
const maxBodyBytes = 32 * 1024 * 1024;

export function createHttpPollSource(source: SourceOf<'http-poll'>, sink: SourceSink): SourceAdapter {
  const backoff = new Backoff(source.backoff);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let abort: AbortController | undefined;
  let isStopped = true;
  let hasFailed = false;

  const schedule = (delay: number) => {
    if (isStopped) return;
    timer = setTimeout(() => void poll(), delay);
    timer.unref?.();
  };

  const poll = async () => {
    abort = new AbortController();
    const timeout = setTimeout(
      () => abort?.abort(new Error(`no answer in ${source.timeoutMs} ms`)),
      source.timeoutMs,
    );
    try {
      const response = await fetch(source.url, {
        headers: { accept: 'application/json', ...source.headers },
        signal: abort.signal,
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const declared = Number(response.headers.get('content-length') ?? 0);
      if (declared > maxBodyBytes) throw new Error(`answer of ${declared} bytes is too large`);
      const text = await response.text();
      if (text.length > maxBodyBytes) throw new Error('answer is too large');
      let payload: unknown;
      try {
        payload = JSON.parse(text);
      } catch {
        throw new Error('answer is not JSON');
      }
      if (isStopped) return;
      const mapped = applyMapping(payload, source.mapping, { now: Date.now(), sourceId: source.id });
      sink.alive();
      if (mapped.rejected > 0) sink.rejected(mapped.rejected, mapped.problems[0] ?? 'records refused');
      if (mapped.values.length > 0) sink.values(mapped.values);
      if (mapped.incidents.length > 0) sink.incidents(mapped.incidents);
      if (hasFailed) sink.count('reconnects');
      hasFailed = false;
      backoff.reset();
      sink.state('open');
      schedule(source.intervalMs);
    } catch (error) {
      if (isStopped) return;
      hasFailed = true;
      const reason = abort?.signal.aborted
        ? String((abort.signal.reason as Error)?.message ?? 'aborted')
        : (error as Error).message;
      const delay = Math.max(source.intervalMs, backoff.next());
      sink.state('reconnecting', { error: reason, nextAttemptAt: Date.now() + delay });
      schedule(delay);
    } finally {
      clearTimeout(timeout);
    }
  };

  return {
    start() {
      if (!isStopped) return;
      isStopped = false;
      sink.state('connecting');
      schedule(0);
    },
    async stop() {
      isStopped = true;
      clearTimeout(timer);
      abort?.abort();
      sink.state('stopped');
    },
  };
}
