// wvp-GB28181-pro's HTTP API as the connector calls it: sign-in (MD5 of the password, `access-token`) or an api-key,
// one re-login and retry on a 401, a timeout on every request, and wvp's answers — failures often inside an HTTP 200
// — turned into ConnectorErrors in the operator's words. Upstream (master 768d740, v2.7.4-20260107):
// vmanager/user/UserController.java, conf/security/JwtAuthenticationFilter.java, vmanager/bean/WVPResult.java,
// vmanager/bean/ErrorCode.java, conf/GlobalExceptionHandler.java.
import { createHash } from 'node:crypto';
import { Backoff, type BackoffOptions } from '@shared/base/backoff';
import { ConnectorError } from '../../connector';

/** How a request ended for the platform's health: answered, or the platform could not be reached / failed. */
export type WvpReachability =
  { readonly reachable: true } | { readonly reachable: false; readonly problem: string };

export interface WvpHttpOptions {
  /** wvp's address without a trailing slash. */
  readonly baseUrl: string;
  /** Sign in with a user: the name and a reader of the plain password (read at each sign-in). */
  readonly user?: { readonly username: string; readonly password: () => Promise<string> };
  /** Or send an api-key with every request. */
  readonly apiKey?: () => Promise<string>;
  readonly timeoutMs: number;
  /** Aborted when the connector is disposed: every request in flight ends. */
  readonly signal: AbortSignal;
  readonly now: () => number;
  /** Delays between sign-in attempts after a refused password, so a wrong one causes no retry storm. */
  readonly loginBackoff: BackoffOptions;
  /** Told after every request whether the platform answered (for the connector's health). */
  readonly onReachability: (state: WvpReachability) => void;
  /** Told when sign-in fails or recovers (用户名或密码错误), apart from reachability. */
  readonly onSignIn: (problem: string | undefined) => void;
  readonly fetch?: typeof fetch;
}

/** wvp's wrapper, vmanager/bean/WVPResult.java: `{code, msg, data}`; code 0 is success. */
interface WvpResult {
  readonly code?: unknown;
  readonly msg?: unknown;
  readonly data?: unknown;
}

/** A request's parameters; undefined ones are left out. */
export type WvpParameters = Readonly<Record<string, string | number | undefined>>;

export function md5Hex(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

/** The HTTP side of one wvp platform. */
export class WvpHttp {
  private token: string | undefined;
  private signingIn: Promise<string> | undefined;
  private readonly loginBackoff: Backoff;
  /** After a refused sign-in: no new attempt before this time; calls fail at once with `loginProblem`. */
  private loginRetryAt = 0;
  private loginProblem: string | undefined;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: WvpHttpOptions) {
    this.loginBackoff = new Backoff(options.loginBackoff);
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  /** Sign-ins attempted since the last success (0 when signed in or using an api-key). */
  get failedSignIns(): number {
    return this.loginBackoff.attempts;
  }

  /**
   * GETs `path` and returns wvp's `data`. A 401 (expired or revoked token) signs in again once and repeats the
   * request, so an expiry costs the caller nothing. Rejects with a ConnectorError otherwise.
   */
  async get(path: string, parameters: WvpParameters = {}): Promise<unknown> {
    const credential = await this.credential();
    const first = await this.send(path, parameters, credential);
    if (first.status !== 401) return this.unwrap(path, first);
    if (!this.options.user) throw new ConnectorError('unauthorised', 'wvp 拒绝了 api-key（无效或已停用）');
    if (this.token === credential.value) this.token = undefined;
    const second = await this.send(path, parameters, await this.credential());
    if (second.status === 401) throw new ConnectorError('unauthorised', 'wvp 登录已失效，重新登录后仍被拒绝');
    return this.unwrap(path, second);
  }

  /**
   * Whether wvp maps `path` (anything but a 404 means it does). Used to tell master from 2.7.4; the probes carry
   * no channel, so they never act on a camera.
   */
  async hasRoute(path: string, parameters: WvpParameters = {}): Promise<boolean> {
    try {
      await this.get(path, parameters);
      return true;
    } catch (error) {
      if (error instanceof ConnectorError && error.reason === 'unsupported') return false;
      if (error instanceof ConnectorError && (error.reason === 'refused' || error.reason === 'not-found')) {
        return true;
      }
      throw error;
    }
  }

  /** Opens a long-lived GET (wvp 2.7.4's /api/emit event stream): no timeout, ends with `signal`. */
  async openStream(path: string, parameters: WvpParameters, signal: AbortSignal): Promise<Response> {
    const response = await this.fetch(this.urlOf(path, parameters), {
      signal: AbortSignal.any([this.options.signal, signal]),
      headers: { accept: 'text/event-stream' },
    });
    if (response.status !== 200 || !response.body) {
      await response.body?.cancel();
      throw new ConnectorError(
        response.status === 404 ? 'unsupported' : 'refused',
        `事件流：HTTP ${response.status}`,
      );
    }
    return response;
  }

  private urlOf(path: string, parameters: WvpParameters): string {
    const url = new URL(this.options.baseUrl + path);
    for (const [name, value] of Object.entries(parameters)) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    return url.toString();
  }

  private async credential(): Promise<{ header: string; value: string }> {
    if (this.options.apiKey) return { header: 'api-key', value: await this.options.apiKey() };
    if (this.token) return { header: 'access-token', value: this.token };
    this.signingIn ??= this.signIn().finally(() => (this.signingIn = undefined));
    return { header: 'access-token', value: await this.signingIn };
  }

  /** /api/user/login?username=&password=<MD5> (UserController.login); the token is `accessToken`. */
  private async signIn(): Promise<string> {
    const user = this.options.user;
    if (!user) throw new ConnectorError('unauthorised', '未配置 wvp 的用户名或 api-key');
    if (this.loginProblem !== undefined && this.options.now() < this.loginRetryAt) {
      throw new ConnectorError('unauthorised', this.loginProblem);
    }
    let password: string;
    try {
      password = await user.password();
    } catch (error) {
      throw this.refuseSignIn(`wvp 密码不可用：${(error as Error).message}`);
    }
    // Reachability is told after the sign-in's outcome, so a refused password never shows as connected first.
    const answer = await this.send(
      '/api/user/login',
      { username: user.username, password: md5Hex(password) },
      undefined,
      true,
    );
    const body = answer.body as WvpResult | undefined;
    if (answer.status === 200 && body?.code === 0) {
      const data = body.data as { accessToken?: unknown } | null | undefined;
      const token =
        typeof data?.accessToken === 'string' ? data.accessToken : answer.headers.get('access-token');
      if (!token) throw new ConnectorError('malformed', 'wvp 登录成功但没有返回 accessToken');
      this.loginBackoff.reset();
      this.loginProblem = undefined;
      this.options.onSignIn(undefined);
      this.options.onReachability({ reachable: true });
      this.token = token;
      return token;
    }
    // A wrong name or password is HTTP 200, code 100, msg 用户名或密码错误 (BadCredentialsException).
    if (answer.status === 200) {
      const refusal = this.refuseSignIn(messageOf(body) ?? 'wvp 拒绝登录');
      this.options.onReachability({ reachable: true });
      throw refusal;
    }
    throw this.unwrapFailure('/api/user/login', answer);
  }

  private refuseSignIn(problem: string): ConnectorError {
    this.loginProblem = problem;
    this.loginRetryAt = this.options.now() + this.loginBackoff.next();
    this.options.onSignIn(problem);
    return new ConnectorError('unauthorised', problem);
  }

  private async send(
    path: string,
    parameters: WvpParameters,
    credential?: { header: string; value: string },
    isSignIn = false,
  ): Promise<{ status: number; body: unknown; headers: Headers }> {
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    const signal = AbortSignal.any([this.options.signal, timeout]);
    try {
      const request = () =>
        this.fetch(this.urlOf(path, parameters), {
          signal,
          headers: credential ? { [credential.header]: credential.value } : {},
        });
      // After wvp restarts, requests may go out on pooled keep-alive sockets the old process held and fail at once
      // (UND_ERR_SOCKET / ECONNRESET) though wvp is up. Every call here is a GET, so try again — a few times, as
      // the pool holds one stale socket per request that was in flight together (seen: two in a row).
      let response: Response | undefined;
      for (let attempt = 1; response === undefined; attempt += 1) {
        response = await request().catch((error: unknown) => {
          if (!isStaleSocket(error) || signal.aborted || attempt >= staleSocketAttempts) throw error;
          return undefined;
        });
      }
      const text = await response.text();
      let body: unknown;
      try {
        body = text === '' ? undefined : JSON.parse(text);
      } catch {
        body = undefined;
      }
      if (response.status >= 500) {
        const message = messageOf(body as WvpResult | undefined) ?? `HTTP ${response.status}`;
        this.options.onReachability({ reachable: false, problem: `wvp 服务异常：${message}` });
      } else if (!isSignIn) {
        this.options.onReachability({ reachable: true });
      }
      return { status: response.status, body, headers: response.headers };
    } catch (error) {
      if (this.options.signal.aborted) throw new ConnectorError('unreachable', 'wvp 连接已关闭');
      const problem = timeout.aborted
        ? `wvp 在 ${Math.round(this.options.timeoutMs / 100) / 10} 秒内未响应`
        : `无法连接 wvp（${causeOf(error)}）`;
      this.options.onReachability({ reachable: false, problem });
      throw new ConnectorError('unreachable', problem);
    }
  }

  private unwrap(path: string, answer: { status: number; body: unknown }): unknown {
    const body = answer.body as WvpResult | undefined;
    if (answer.status === 200 && body?.code === 0) return body.data ?? null;
    throw this.unwrapFailure(path, answer);
  }

  /** wvp's failure shapes: 404 unmapped route, 400 bad parameters, 500 exceptions, code ≠ 0 inside a 200. */
  private unwrapFailure(path: string, answer: { status: number; body: unknown }): ConnectorError {
    const message = messageOf(answer.body as WvpResult | undefined);
    if (answer.status === 404) return new ConnectorError('unsupported', `wvp 没有接口 ${path}`);
    if (answer.status === 401) return new ConnectorError('unauthorised', message ?? '请登录后重新请求');
    if (answer.status >= 500)
      return new ConnectorError('unreachable', `wvp 服务异常：${message ?? answer.status}`);
    if (answer.status === 200 && typeof (answer.body as WvpResult | undefined)?.code !== 'number') {
      return new ConnectorError('malformed', `wvp 的回答不是 {code,msg,data}：${path}`);
    }
    // Assert.notNull(channel, "通道不存在") is code 100 in an HTTP 200.
    if (message === '通道不存在') return new ConnectorError('not-found', message);
    return new ConnectorError('refused', message ?? `wvp 拒绝了请求（HTTP ${answer.status}）`);
  }
}

function messageOf(body: WvpResult | undefined): string | undefined {
  return typeof body?.msg === 'string' && body.msg !== '' ? body.msg : undefined;
}

/** Network failure codes (Node's and undici's) in the operator's words, the code kept for whoever looks further. */
const networkProblems: Record<string, string> = {
  ECONNREFUSED: '连接被拒绝',
  ECONNRESET: '连接被重置',
  UND_ERR_SOCKET: '连接中断',
  ENOTFOUND: '地址无法解析',
  EHOSTUNREACH: '主机不可达',
  ENETUNREACH: '网络不可达',
  UND_ERR_CONNECT_TIMEOUT: '连接超时',
};

const staleSocketAttempts = 6;

function isStaleSocket(error: unknown): boolean {
  const code = (error as { cause?: { code?: unknown } }).cause?.code;
  return code === 'UND_ERR_SOCKET' || code === 'ECONNRESET';
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (typeof cause?.code === 'string') {
    const words = networkProblems[cause.code];
    return words ? `${words}，${cause.code}` : cause.code;
  }
  if (typeof cause?.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}
