// One call to ZLMediaKit's HTTP API (`/index/api/<name>`, server/WebApi.cpp): the secret sent in a form body (not
// the URL, which proxies log), the `{code, msg}` answer checked, and its failure sorted into a ConnectorError.
import { ConnectorError } from '../../connector';

/** WebApi.h ApiErr: what a non-zero `code` means. */
const refusals: Record<number, ConnectorError['reason']> = {
  [-1]: 'refused', // OtherFailed: the control did not work ("seek failed", "set failed")
  [-100]: 'unauthorised', // AuthFailed: the secret ("Incorrect secret", since 2026 "Please login first")
  [-200]: 'refused', // SqlFailed
  [-300]: 'malformed', // InvalidArgs: we sent too little
  [-400]: 'refused', // Exception: e.g. 打开文件失败 from loadMP4File
  [-500]: 'not-found', // NotFound: "can not find the stream"
};

export interface ZlmediakitApi {
  /** Calls `name` with `args`; resolves with the whole answer when `code` is 0. */
  call(name: string, args: Record<string, string | number>): Promise<Record<string, unknown>>;
}

export interface ZlmediakitApiOptions {
  readonly apiUrl: string;
  readonly secret: () => Promise<string>;
  readonly timeoutMs: number;
  readonly fetch?: typeof fetch;
}

export function createZlmediakitApi(options: ZlmediakitApiOptions): ZlmediakitApi {
  const base = options.apiUrl.replace(/\/+$/, '');
  const fetchApi = options.fetch ?? fetch;
  return {
    async call(name, args) {
      const secret = await options.secret().catch((error: Error) => {
        throw new ConnectorError('unauthorised', `ZLMediaKit 的密钥不可用：${error.message}`);
      });
      const body = new URLSearchParams({ secret });
      for (const [key, value] of Object.entries(args)) body.set(key, String(value));
      let response: Response;
      try {
        response = await fetchApi(`${base}/index/api/${name}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body,
          signal: AbortSignal.timeout(options.timeoutMs),
        });
      } catch (error) {
        const timedOut = error instanceof Error && error.name === 'TimeoutError';
        throw new ConnectorError(
          'unreachable',
          timedOut
            ? `ZLMediaKit ${options.timeoutMs / 1000} 秒未应答（${base}）`
            : `无法连接 ZLMediaKit（${base}）`,
        );
      }
      const text = await response.text().catch(() => '');
      if (response.status !== 200) {
        throw new ConnectorError(
          response.status === 404 ? 'unsupported' : 'unreachable',
          `ZLMediaKit 的 ${name} 答 HTTP ${response.status}`,
        );
      }
      let answer: unknown;
      try {
        answer = JSON.parse(text);
      } catch {
        throw new ConnectorError('malformed', `ZLMediaKit 的 ${name} 答的不是 JSON`);
      }
      if (
        typeof answer !== 'object' ||
        answer === null ||
        typeof (answer as { code?: unknown }).code !== 'number'
      ) {
        throw new ConnectorError('malformed', `ZLMediaKit 的 ${name} 答的没有 code`);
      }
      const { code, msg } = answer as { code: number; msg?: unknown };
      if (code === 0) return answer as Record<string, unknown>;
      const reason = refusals[code] ?? 'refused';
      const said = `${code} ${typeof msg === 'string' ? msg : ''}`.trim();
      throw new ConnectorError(
        reason,
        reason === 'unauthorised'
          ? `ZLMediaKit 拒绝了密钥（${said}）`
          : `ZLMediaKit 的 ${name} 失败（${said}）`,
      );
    },
  };
}
