// One ONVIF SOAP call: the envelope with a WS-Security UsernameToken (PasswordDigest), POSTed as SOAP 1.2, and its
// answer or Fault sorted into a ConnectorError. A few calls need no XML library: bodies are built from escaped
// strings, and answers are read by element name whatever namespace prefix the device chose.
import { createHash, randomBytes } from 'node:crypto';
import { ConnectorError } from '../../connector';

/** Namespaces of the calls we make (ONVIF ver10 schema, ver20 PTZ, ver10 media and device services). */
export const onvifNamespaces = {
  tt: 'http://www.onvif.org/ver10/schema',
  tds: 'http://www.onvif.org/ver10/device/wsdl',
  trt: 'http://www.onvif.org/ver10/media/wsdl',
  tptz: 'http://www.onvif.org/ver20/ptz/wsdl',
} as const;

const wsse = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
const wsu = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd';
const digestType =
  'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest';
const nonceType =
  'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary';

/** Text or an attribute value made safe for XML. */
export function escapeXml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (character) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[character]!,
  );
}

/** WS-Security PasswordDigest: Base64(SHA-1(nonce + created + password)), the nonce as raw bytes. */
export function passwordDigest(nonce: Buffer, created: string, password: string): string {
  return createHash('sha1')
    .update(Buffer.concat([nonce, Buffer.from(created, 'utf8'), Buffer.from(password, 'utf8')]))
    .digest('base64');
}

/** The SOAP 1.2 envelope of one call, signed with a fresh nonce and the current time (unsigned without a user). */
export function soapEnvelope(
  body: string,
  username: string | undefined,
  password: string,
  now: Date,
): string {
  const namespaces = Object.entries(onvifNamespaces)
    .map(([prefix, uri]) => ` xmlns:${prefix}="${uri}"`)
    .join('');
  const open = `<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"${namespaces}>`;
  if (username === undefined) return `${open}<s:Body>${body}</s:Body></s:Envelope>`;
  const nonce = randomBytes(16);
  const created = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return (
    open +
    `<s:Header><wsse:Security xmlns:wsse="${wsse}" xmlns:wsu="${wsu}" s:mustUnderstand="1"><wsse:UsernameToken>` +
    `<wsse:Username>${escapeXml(username)}</wsse:Username>` +
    `<wsse:Password Type="${digestType}">${passwordDigest(nonce, created, password)}</wsse:Password>` +
    `<wsse:Nonce EncodingType="${nonceType}">${nonce.toString('base64')}</wsse:Nonce>` +
    `<wsu:Created>${created}</wsu:Created>` +
    `</wsse:UsernameToken></wsse:Security></s:Header>` +
    `<s:Body>${body}</s:Body></s:Envelope>`
  );
}

/** Each `<prefix:name …>…</prefix:name>` element: its attributes' text and inner XML (no nesting of the same name). */
export function elements(xml: string, name: string): { attributes: string; inner: string }[] {
  const pattern = new RegExp(
    `<(?:[\\w.-]+:)?${name}\\b([^>]*?)(?:/>|>([\\s\\S]*?)</(?:[\\w.-]+:)?${name}\\s*>)`,
    'g',
  );
  return [...xml.matchAll(pattern)].map((match) => ({ attributes: match[1] ?? '', inner: match[2] ?? '' }));
}

/** An attribute's value in an element's attribute text. */
export function attribute(attributes: string, name: string): string | undefined {
  return new RegExp(`(?:^|\\s)(?:[\\w.-]+:)?${name}\\s*=\\s*"([^"]*)"`).exec(attributes)?.[1];
}

/** The text of the first `name` element, entities undone. */
export function textOf(xml: string, name: string): string | undefined {
  const inner = elements(xml, name)[0]?.inner;
  if (inner === undefined) return undefined;
  return inner
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();
}

/** The device's clock from a GetSystemDateAndTimeResponse's UTCDateTime (epoch ms), if it gives one. */
export function deviceTime(xml: string): number | undefined {
  const utc = elements(xml, 'UTCDateTime')[0]?.inner ?? '';
  const [year, month, day, hour, minute, second] = ['Year', 'Month', 'Day', 'Hour', 'Minute', 'Second'].map(
    (name) => Number(textOf(utc, name)),
  );
  const time = Date.UTC(year!, month! - 1, day!, hour!, minute!, second!);
  return Number.isFinite(time) ? time : undefined;
}

export interface SoapCallOptions {
  readonly url: string;
  /** Absent: an unsigned call (GetSystemDateAndTime answers before sign-in). */
  readonly username: string | undefined;
  readonly password: string;
  /** The operation's SOAP action (namespace + operation), sent in the Content-Type as SOAP 1.2 asks. */
  readonly action: string;
  readonly body: string;
  readonly timeoutMs: number;
  readonly fetch: typeof fetch;
  readonly now: () => number;
  /** How the device is named in errors (the camera and its address). */
  readonly device: string;
}

/** Posts one call; resolves with the answer's XML, or rejects with a ConnectorError in the operator's words. */
export async function soapCall(options: SoapCallOptions): Promise<string> {
  const { device } = options;
  let response: Response;
  try {
    response = await options.fetch(options.url, {
      method: 'POST',
      headers: {
        'Content-Type': `application/soap+xml; charset=utf-8; action="${options.action}"`,
      },
      body: soapEnvelope(options.body, options.username, options.password, new Date(options.now())),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    throw new ConnectorError(
      'unreachable',
      timedOut ? `ONVIF 设备 ${device}${options.timeoutMs / 1000} 秒未应答` : `无法连接 ONVIF 设备 ${device}`,
    );
  }
  const text = await response.text().catch(() => '');
  const fault = elements(text, 'Fault')[0]?.inner;
  if (response.ok && fault === undefined) return text;
  // ONVIF Core 5.11.2: a failed sign-in is a Sender fault with subcode ter:NotAuthorized (HTTP 400); some devices
  // answer plain HTTP 401 instead.
  const codes = fault === undefined ? [] : elements(fault, 'Value').map((value) => value.inner.trim());
  const reason = fault === undefined ? '' : (textOf(fault, 'Text') ?? '');
  if (response.status === 401 || codes.some((code) => /(^|:)NotAuthorized$/.test(code))) {
    throw new ConnectorError(
      'unauthorised',
      `ONVIF 设备 ${device}拒绝登录：用户名或密码错误（用户 ${options.username}）`,
    );
  }
  if (fault === undefined) {
    throw new ConnectorError(
      response.status === 404 ? 'unsupported' : 'unreachable',
      `ONVIF 设备 ${device}答 HTTP ${response.status}`,
    );
  }
  const subcode = codes.at(-1) ?? '';
  throw new ConnectorError(
    /(^|:)(ActionNotSupported|NoPTZProfile|NoProfile)$/.test(subcode) ? 'unsupported' : 'refused',
    `ONVIF 设备 ${device}拒绝：${reason || subcode || `HTTP ${response.status}`}`,
  );
}
