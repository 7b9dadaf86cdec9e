// Sign-in of the wvp double: users with MD5 passwords, JWT-shaped access tokens that expire like wvp's, and
// api-keys. Upstream: conf/security/JwtUtils.java, JwtAuthenticationFilter.java, DefaultUserDetailsServiceImpl.java,
// vmanager/user/UserController.java (master 768d740; same behaviour in v2.7.4-20260107).
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import type http from 'node:http';

export interface WvpUserOption {
  username: string;
  /** The plain password; the double keeps its MD5, as wvp's wvp_user table does. */
  password: string;
  /** 1 is wvp's admin role. */
  roleId?: number;
}

export interface WvpApiKeyOption {
  key: string;
  username: string;
}

interface StoredUser {
  id: number;
  username: string;
  passwordMd5: string;
  roleId: number;
  pushKey: string;
}

interface IssuedToken {
  username: string;
  /** Seconds since the epoch, as a JWT's `exp`. */
  expiresAt: number;
}

export function md5Hex(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

/** The outcome of checking a request's credentials, as JwtAuthenticationFilter decides it. */
export type Credential =
  | { status: 'valid'; username: string }
  | { status: 'missing' }
  | { status: 'expired' }
  | { status: 'invalid' };

const fixedTime = '2024-03-01 08:00:00';

/** Users, tokens and api-keys of one double; `now` is the double's clock so tests can step past an expiry. */
export class WvpAuth {
  private readonly users = new Map<string, StoredUser>();
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly apiKeys = new Map<string, { username: string; enabled: boolean }>();
  private readonly secret = randomBytes(32);

  constructor(
    users: readonly WvpUserOption[],
    apiKeys: readonly WvpApiKeyOption[],
    private readonly options: {
      /** wvp's user-settings.login-timeout, in minutes upstream (default 60); seconds here. */
      tokenLifetimeSeconds: number;
      /** JwtUtils.verifyToken: setAllowedClockSkewInSeconds(30). */
      clockSkewSeconds: number;
      now: () => number;
      /** user-settings.server-id, returned with the user. */
      serverId: string;
    },
  ) {
    users.forEach((user, index) =>
      this.users.set(user.username, {
        id: index + 1,
        username: user.username,
        passwordMd5: md5Hex(user.password),
        roleId: user.roleId ?? 1,
        pushKey: md5Hex(`push-${user.username}`),
      }),
    );
    for (const apiKey of apiKeys) this.apiKeys.set(apiKey.key, { username: apiKey.username, enabled: true });
  }

  /**
   * `password` must be the 32-character lowercase MD5 of the plain password (Spring's DigestUtils.md5DigestAsHex),
   * compared as a string: an upper-case digest or the plain password fails like a wrong one.
   */
  login(username: string, password: string): { token: string; user: Record<string, unknown> } | undefined {
    const user = this.users.get(username);
    if (!user || user.passwordMd5 !== password) return undefined;
    const token = this.issue(username);
    // LoginUser as Jackson writes it: its getters, the password erased after authentication.
    const loginUser = {
      accessToken: token,
      serverId: this.options.serverId,
      authorities: null,
      password: null,
      username: user.username,
      accountNonExpired: true,
      accountNonLocked: true,
      credentialsNonExpired: true,
      enabled: true,
      id: user.id,
      role: {
        id: user.roleId,
        name: user.roleId === 1 ? 'admin' : 'user',
        authority: user.roleId === 1 ? '0' : '1',
        createTime: fixedTime,
        updateTime: fixedTime,
      },
      pushKey: user.pushKey,
    };
    return { token, user: loginUser };
  }

  /**
   * JwtAuthenticationFilter's order: the `access-token` header, else the websocket protocol header, else an
   * `access-token` query parameter, else the `api-key` header.
   */
  check(request: http.IncomingMessage, search: URLSearchParams): Credential {
    const header = (name: string) => {
      const value = request.headers[name];
      return (Array.isArray(value) ? value[0] : value)?.trim() || undefined;
    };
    const token =
      header('access-token') ?? header('sec-websocket-protocol') ?? (search.get('access-token') || undefined);
    if (token !== undefined) return this.verify(token);
    const apiKey = header('api-key');
    if (apiKey === undefined) return { status: 'missing' };
    const stored = this.apiKeys.get(apiKey);
    if (!stored) return { status: 'invalid' };
    // verifyToken: a disabled key (userApiKey.isEnable() false) is treated as EXPIRED.
    return stored.enabled ? { status: 'valid', username: stored.username } : { status: 'expired' };
  }

  /** Makes every issued token expired now (as if the clock passed their `exp`). */
  expireAll(): void {
    const past = Math.floor(this.options.now() / 1000) - this.options.clockSkewSeconds - 1;
    for (const token of this.tokens.values()) token.expiresAt = past;
  }

  setApiKeyEnabled(key: string, enabled: boolean): void {
    const stored = this.apiKeys.get(key);
    if (!stored) throw new Error(`wvp double: no api-key ${key}`);
    stored.enabled = enabled;
  }

  private verify(token: string): Credential {
    const issued = this.tokens.get(token);
    if (!issued) return { status: 'invalid' };
    const nowSeconds = this.options.now() / 1000;
    if (nowSeconds > issued.expiresAt + this.options.clockSkewSeconds) return { status: 'expired' };
    return { status: 'valid', username: issued.username };
  }

  /**
   * A token shaped like wvp's (JwtUtils.createToken: RS256 header with its key id, claims jti/iat/exp/nbf/sub
   * "login"/aud "Audience"/userName), so a connector that reads `exp` to re-login early can. The signature is an
   * HMAC, not RS256: clients cannot verify wvp's either, and the double checks tokens by lookup.
   */
  private issue(username: string): string {
    const issuedAt = Math.floor(this.options.now() / 1000);
    const expiresAt = issuedAt + this.options.tokenLifetimeSeconds;
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const header = encode({ kid: '3e79646c4dbc408383a9eed09f2b85ae', alg: 'RS256' });
    const claims = encode({
      jti: randomUUID(),
      iat: issuedAt,
      exp: expiresAt,
      nbf: issuedAt,
      sub: 'login',
      aud: 'Audience',
      userName: username,
    });
    const signature = createHmac('sha256', this.secret).update(`${header}.${claims}`).digest('base64url');
    const token = `${header}.${claims}.${signature}`;
    this.tokens.set(token, { username, expiresAt });
    return token;
  }
}
