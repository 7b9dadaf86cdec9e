// Which connector a platform's `connector.type` gets: the one place the core turns platforms.json into connectors
// (the catalogue calls it once per platform).
import type { Platform } from '@shared/model/camera';
import type { CameraConnector } from '../connector';
import { createOnvifConnector, type OnvifConnectorOptions } from './onvif/onvif-connector';
import { createWvpConnector, type WvpConnectorOptions } from './wvp/wvp-connector';
import {
  createZlmediakitConnector,
  type ZlmediakitConnectorOptions,
} from './zlmediakit/zlmediakit-connector';

/** What every connector is given: the workspace folder (`{ file }` secrets are relative to it), the environment. */
export type ConnectorOptions = WvpConnectorOptions & ZlmediakitConnectorOptions & OnvifConnectorOptions;

/**
 * The platform's connector, or undefined for a platform that only has URL templates (the static path). An ONVIF
 * platform's connector only steers PTZ: its streams still play through the templates.
 */
export function createConnector(platform: Platform, options: ConnectorOptions): CameraConnector | undefined {
  switch (platform.connector?.type) {
    case 'wvp':
      return createWvpConnector(platform, options);
    case 'zlmediakit':
      return createZlmediakitConnector(platform, options);
    case 'onvif':
      return createOnvifConnector(platform, options);
    default:
      return undefined;
  }
}
