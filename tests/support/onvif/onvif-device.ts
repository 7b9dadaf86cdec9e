// A double of an ONVIF PTZ camera: a node:http SOAP 1.2 endpoint answering GetSystemDateAndTime and
// GetCapabilities (device service),
// GetProfiles (media service) and ContinuousMove, Stop, GetPresets, GotoPreset (ver20/ptz/wsdl/ptz.wsdl), in the
// shapes of those WSDLs. Every request's WS-Security UsernameToken digest is checked (a wrong one is the Sender
// fault ter:NotAuthorized, as ONVIF Core 5.11.2 says) and every call is recorded for the tests to count.
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OnvifDeviceOptions {
  readonly username?: string;
  readonly password?: string;
  /** The presets GetPresets answers (token → name). */
  readonly presets?: Readonly<Record<string, string>>;
  /** The host the device announces in its XAddrs (a camera behind NAT knows only its own address). */
  readonly announcedHost?: string;
  /** How far the device's clock is ahead of the real one (ms); a token whose `Created` is 5 s off it is refused. */
  readonly clockAheadMs?: number;
}

/** One call the device answered (or refused). */
export interface OnvifCall {
  readonly operation: string;
  readonly path: string;
  /** The Body's XML, for the tests to read what was asked. */
  readonly body: string;
  readonly authorised: boolean;
}

export interface OnvifDevice {
  /** The device service address (`http://127.0.0.1:<port>/onvif/device_service`). */
  readonly address: string;
  readonly calls: OnvifCall[];
  /** How many times `operation` was answered with the right password. */
  count(operation: string): number;
  close(): Promise<void>;
}

const envelope = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>` +
  `<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://www.w3.org/2003/05/soap-envelope" ` +
  `xmlns:tt="http://www.onvif.org/ver10/schema" xmlns:tds="http://www.onvif.org/ver10/device/wsdl" ` +
  `xmlns:trt="http://www.onvif.org/ver10/media/wsdl" xmlns:tptz="http://www.onvif.org/ver20/ptz/wsdl" ` +
  `xmlns:ter="http://www.onvif.org/ver10/error">` +
  `<SOAP-ENV:Body>${body}</SOAP-ENV:Body></SOAP-ENV:Envelope>`;

const fault = (subcode: string, text: string) =>
  envelope(
    `<SOAP-ENV:Fault><SOAP-ENV:Code><SOAP-ENV:Value>SOAP-ENV:Sender</SOAP-ENV:Value>` +
      `<SOAP-ENV:Subcode><SOAP-ENV:Value>${subcode}</SOAP-ENV:Value></SOAP-ENV:Subcode></SOAP-ENV:Code>` +
      `<SOAP-ENV:Reason><SOAP-ENV:Text xml:lang="en">${text}</SOAP-ENV:Text></SOAP-ENV:Reason></SOAP-ENV:Fault>`,
  );

const field = (xml: string, name: string) =>
  new RegExp(`<(?:\\w+:)?${name}\\b[^>]*>([^<]*)</(?:\\w+:)?${name}>`).exec(xml)?.[1];

/** Whether the UsernameToken is the user's, with Base64(SHA-1(nonce + created + password)). */
function digestMatches(xml: string, username: string, password: string, deviceNow: number): boolean {
  const [user, digest, nonce, created] = ['Username', 'Password', 'Nonce', 'Created'].map((name) =>
    field(xml, name),
  );
  if (user !== username || !digest || !nonce || !created) return false;
  if (Math.abs(Date.parse(created) - deviceNow) > 5_000) return false;
  const expected = createHash('sha1')
    .update(Buffer.concat([Buffer.from(nonce, 'base64'), Buffer.from(created), Buffer.from(password)]))
    .digest('base64');
  return expected === digest;
}

export async function startOnvifDevice(options: OnvifDeviceOptions = {}): Promise<OnvifDevice> {
  const username = options.username ?? 'admin';
  const password = options.password ?? 'onvif-pass';
  const presets = options.presets ?? { '1': '路口全景', '2': '人行横道' };
  const calls: OnvifCall[] = [];
  let port = 0;

  const answer = (operation: string, host: string): string | undefined => {
    switch (operation) {
      case 'GetSystemDateAndTime': {
        const time = new Date(Date.now() + (options.clockAheadMs ?? 0));
        return (
          `<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime><tt:DateTimeType>NTP</tt:DateTimeType>` +
          `<tt:UTCDateTime><tt:Time><tt:Hour>${time.getUTCHours()}</tt:Hour><tt:Minute>${time.getUTCMinutes()}` +
          `</tt:Minute><tt:Second>${time.getUTCSeconds()}</tt:Second></tt:Time><tt:Date><tt:Year>` +
          `${time.getUTCFullYear()}</tt:Year><tt:Month>${time.getUTCMonth() + 1}</tt:Month><tt:Day>` +
          `${time.getUTCDate()}</tt:Day></tt:Date></tt:UTCDateTime></tds:SystemDateAndTime>` +
          `</tds:GetSystemDateAndTimeResponse>`
        );
      }
      case 'GetCapabilities':
        return (
          `<tds:GetCapabilitiesResponse><tds:Capabilities>` +
          `<tt:Device><tt:XAddr>http://${host}/onvif/device_service</tt:XAddr></tt:Device>` +
          `<tt:Media><tt:XAddr>http://${host}/onvif/Media</tt:XAddr></tt:Media>` +
          `<tt:PTZ><tt:XAddr>http://${host}/onvif/PTZ</tt:XAddr></tt:PTZ>` +
          `</tds:Capabilities></tds:GetCapabilitiesResponse>`
        );
      case 'GetProfiles':
        // The sub stream's profile comes first and has no PTZ configuration: the connector must pick the other.
        return (
          `<trt:GetProfilesResponse>` +
          `<trt:Profiles token="Profile_2" fixed="true"><tt:Name>sub</tt:Name></trt:Profiles>` +
          `<trt:Profiles token="Profile_1" fixed="true"><tt:Name>main</tt:Name>` +
          `<tt:PTZConfiguration token="PTZ_1"><tt:Name>ptz</tt:Name><tt:NodeToken>Node_1</tt:NodeToken>` +
          `</tt:PTZConfiguration></trt:Profiles></trt:GetProfilesResponse>`
        );
      case 'ContinuousMove':
        return '<tptz:ContinuousMoveResponse/>';
      case 'Stop':
        return '<tptz:StopResponse/>';
      case 'GotoPreset':
        return '<tptz:GotoPresetResponse/>';
      case 'GetPresets':
        return (
          `<tptz:GetPresetsResponse>` +
          Object.entries(presets)
            .map(
              ([token, name]) =>
                `<tptz:Preset token="${token}"><tt:Name>${name}</tt:Name>` +
                `<tt:PTZPosition><tt:PanTilt x="0" y="0"/></tt:PTZPosition></tptz:Preset>`,
            )
            .join('') +
          `</tptz:GetPresetsResponse>`
        );
      default:
        return undefined;
    }
  };

  /** Which service serves which operations (a PTZ call on the media path is refused, as a real device does). */
  const servedAt: Record<string, string> = {
    GetSystemDateAndTime: '/onvif/device_service',
    GetCapabilities: '/onvif/device_service',
    GetProfiles: '/onvif/Media',
    ContinuousMove: '/onvif/PTZ',
    Stop: '/onvif/PTZ',
    GetPresets: '/onvif/PTZ',
    GotoPreset: '/onvif/PTZ',
  };

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const xml = Buffer.concat(chunks).toString('utf8');
      const body = /<(?:\w+:)?Body\b[^>]*>([\s\S]*)<\/(?:\w+:)?Body>/.exec(xml)?.[1] ?? '';
      const operation = /^\s*<(?:\w+:)?(\w+)/.exec(body)?.[1] ?? '';
      const deviceNow = Date.now() + (options.clockAheadMs ?? 0);
      // GetSystemDateAndTime answers before sign-in (ONVIF Core: PRE_AUTH), so a client can learn the device's time.
      const authorised =
        operation === 'GetSystemDateAndTime' || digestMatches(xml, username, password, deviceNow);
      const path = request.url ?? '/';
      calls.push({ operation, path, body, authorised });
      const send = (status: number, text: string) => {
        response.writeHead(status, { 'Content-Type': 'application/soap+xml; charset=utf-8' });
        response.end(text);
      };
      if (!authorised) return send(400, fault('ter:NotAuthorized', 'Sender not Authorized'));
      const answered =
        servedAt[operation] === path
          ? answer(operation, options.announcedHost ?? `127.0.0.1:${port}`)
          : undefined;
      if (answered === undefined)
        return send(400, fault('ter:ActionNotSupported', `${operation} not supported`));
      send(200, envelope(answered));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  return {
    address: `http://127.0.0.1:${port}/onvif/device_service`,
    calls,
    count: (operation) => calls.filter((call) => call.operation === operation && call.authorised).length,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
