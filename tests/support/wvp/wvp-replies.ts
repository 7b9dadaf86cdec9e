// The answers of the wvp-GB28181-pro double as wvp writes them: the {code,msg,data} wrapper, its error codes and
// HTTP statuses, PageHelper's PageInfo, and Spring's parsing of query parameters (which decides 400 versus 500).
import type http from 'node:http';

/**
 * wvp's error codes. Upstream: src/main/java/com/genersoft/iot/vmp/vmanager/bean/ErrorCode.java (master 768d740,
 * same in v2.7.4-20260107).
 */
export const errorCode = {
  success: { code: 0, msg: '成功' },
  failed: { code: 100, msg: '失败' },
  badRequest: { code: 400, msg: '参数或方法错误' },
  notFound: { code: 404, msg: '资源未找到' },
  forbidden: { code: 403, msg: '无权限操作' },
  noResponse: { code: 486, msg: '超时或无响应' },
  unauthorized: { code: 401, msg: '请登录后重新请求' },
  timeout: { code: 408, msg: '请求超时' },
  serverError: { code: 500, msg: '系统异常' },
} as const;

/** WVPResult<T>: vmanager/bean/WVPResult.java. Every controller's return value is wrapped in it. */
export interface WvpResult<T = unknown> {
  code: number;
  msg: string;
  data: T | null;
}

/** A thrown controller failure: the code, message and HTTP status wvp's GlobalExceptionHandler gives it. */
export class WvpFailure extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly status = 200,
  ) {
    super(message);
  }
}

/**
 * `Assert.notNull(x, "通道不存在")` throws IllegalArgumentException, which conf/GlobalExceptionHandler.java answers
 * with HTTP 200 and code 100 — the commonest failure a connector meets.
 */
export function assertFound<T>(value: T | undefined | null, message: string): T {
  if (value === undefined || value === null) throw new WvpFailure(errorCode.failed.code, message);
  return value;
}

export function sendJson(
  response: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

/** conf/GlobalResponseAdvice.java: a plain return value becomes {code:0, msg:"成功", data}. */
export function sendSuccess(
  response: http.ServerResponse,
  data: unknown,
  headers?: Record<string, string>,
): void {
  sendJson(response, 200, { code: 0, msg: errorCode.success.msg, data: data ?? null }, headers);
}

export function sendFailure(response: http.ServerResponse, failure: WvpFailure): void {
  sendJson(response, failure.status, { code: failure.code, msg: failure.message, data: null });
}

/**
 * conf/security/AnonymousAuthenticationEntryPoint.java: a missing, invalid or expired token (and a disabled api-key)
 * all end here — HTTP 401 and a body of only code and msg (a fastjson JSONObject, no `data`).
 */
export function sendUnauthorized(response: http.ServerResponse): void {
  sendJson(response, 401, { code: errorCode.unauthorized.code, msg: errorCode.unauthorized.msg });
}

/** GlobalExceptionHandler's NoResourceFoundException branch: an unmapped route, HTTP 404. */
export function sendNotFound(response: http.ServerResponse): void {
  sendJson(response, 404, { code: errorCode.notFound.code, msg: errorCode.notFound.msg, data: null });
}

/** PageHelper's PageInfo<T> as Jackson writes it (com.github.pagehelper.PageInfo, navigatePages 8). */
export interface PageInfo<T> {
  total: number;
  list: T[];
  pageNum: number;
  pageSize: number;
  size: number;
  startRow: number;
  endRow: number;
  pages: number;
  prePage: number;
  nextPage: number;
  isFirstPage: boolean;
  isLastPage: boolean;
  hasPreviousPage: boolean;
  hasNextPage: boolean;
  navigatePages: number;
  navigatepageNums: number[];
  navigateFirstPage: number;
  navigateLastPage: number;
}

/**
 * One page of `rows` the way `PageHelper.startPage(page, count)` + `new PageInfo<>(list)` answers: wvp does not set
 * `reasonable`, so a page past the end is an empty list with the asked page number, not the last page.
 */
export function pageOf<T, R>(
  rows: readonly T[],
  page: number,
  count: number,
  map: (row: T) => R,
): PageInfo<R> {
  const pageNum = Math.max(1, page);
  const pageSize = Math.max(0, count);
  const offset = (pageNum - 1) * pageSize;
  const list = pageSize === 0 ? rows.map(map) : rows.slice(offset, offset + pageSize).map(map);
  const total = rows.length;
  const pages = pageSize === 0 ? 1 : Math.ceil(total / pageSize);
  const navigatePages = 8;
  const navigatepageNums = navigateNumbers(pageNum, pages, navigatePages);
  const startRow = list.length === 0 ? 0 : offset + 1;
  return {
    total,
    list,
    pageNum,
    pageSize,
    size: list.length,
    startRow,
    endRow: list.length === 0 ? 0 : startRow - 1 + list.length,
    pages,
    prePage: pageNum > 1 ? pageNum - 1 : 0,
    nextPage: pageNum < pages ? pageNum + 1 : 0,
    isFirstPage: pageNum === 1,
    isLastPage: pageNum === pages || pages === 0,
    hasPreviousPage: pageNum > 1,
    hasNextPage: pageNum < pages,
    navigatePages,
    navigatepageNums,
    navigateFirstPage: navigatepageNums[0] ?? 0,
    navigateLastPage: navigatepageNums[navigatepageNums.length - 1] ?? 0,
  };
}

function navigateNumbers(pageNum: number, pages: number, navigatePages: number): number[] {
  const range = (first: number, length: number) => Array.from({ length }, (_, index) => first + index);
  if (pages <= navigatePages) return range(1, pages);
  const first = pageNum - Math.floor(navigatePages / 2);
  if (first < 1) return range(1, navigatePages);
  if (first + navigatePages - 1 > pages) return range(pages - navigatePages + 1, navigatePages);
  return range(first, navigatePages);
}

/** Reads query parameters the way Spring MVC binds them, failing with the status wvp would answer. */
export class QueryParameters {
  constructor(private readonly search: URLSearchParams) {}

  text(name: string): string | undefined {
    const value = this.search.get(name);
    return value === null ? undefined : value;
  }

  /** `@RequestParam String x`: absent → MissingServletRequestParameterException → HTTP 500, code 500. */
  requiredText(name: string): string {
    const value = this.text(name);
    if (value === undefined) {
      throw new WvpFailure(
        errorCode.serverError.code,
        `Required request parameter '${name}' for method parameter type String is not present`,
        500,
      );
    }
    return value;
  }

  /**
   * An `int` parameter without @RequestParam (channel list's `page`, `count`): absent → IllegalStateException
   * → HTTP 400 code 400; not a number → a conversion failure → HTTP 500.
   */
  primitiveInt(name: string): number {
    const value = this.text(name);
    if (value === undefined || value === '') {
      throw new WvpFailure(errorCode.badRequest.code, errorCode.badRequest.msg, 400);
    }
    return this.parseInt(name, value);
  }

  /** An `Integer` parameter: absent or empty → null. */
  optionalInt(name: string): number | undefined {
    const value = this.text(name);
    if (value === undefined || value === '') return undefined;
    return this.parseInt(name, value);
  }

  /** A `Boolean` parameter: Spring accepts true/false, on/off, yes/no, 1/0. */
  optionalBoolean(name: string): boolean | undefined {
    const value = this.text(name)?.toLowerCase();
    if (value === undefined || value === '') return undefined;
    if (['true', 'on', 'yes', '1'].includes(value)) return true;
    if (['false', 'off', 'no', '0'].includes(value)) return false;
    throw conversionFailure(name, value, 'java.lang.Boolean');
  }

  /** A `Double` / `Long` parameter. */
  optionalNumber(name: string): number | undefined {
    const value = this.text(name);
    if (value === undefined || value === '') return undefined;
    const number = Number(value);
    if (!Number.isFinite(number)) throw conversionFailure(name, value, 'java.lang.Double');
    return number;
  }

  private parseInt(name: string, value: string): number {
    if (!/^[+-]?\d+$/.test(value.trim())) throw conversionFailure(name, value, 'int');
    return Number(value);
  }
}

function conversionFailure(name: string, value: string, type: string): WvpFailure {
  return new WvpFailure(
    errorCode.serverError.code,
    `Method parameter '${name}': Failed to convert value of type 'java.lang.String' to required type '${type}'; ` +
      `For input string: "${value}"`,
    500,
  );
}

const shanghaiOffsetMs = 8 * 3600_000;

/** wvp's DateUtil.PATTERN "yyyy-MM-dd HH:mm:ss" in its zone, Asia/Shanghai (UTC+8, no daylight saving). */
export function formatWvpTime(epochMs: number): string {
  const shifted = new Date(epochMs + shanghaiOffsetMs).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 19)}`;
}

/** The inverse of formatWvpTime; undefined when the text is not exactly "yyyy-MM-dd HH:mm:ss". */
export function parseWvpTime(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text)) return undefined;
  const epochMs = Date.parse(`${text.replace(' ', 'T')}+08:00`);
  return Number.isNaN(epochMs) ? undefined : epochMs;
}
