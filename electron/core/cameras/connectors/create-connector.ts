// Which connector a platform's `connector.type` gets: the one place the core turns platforms.json into connectors
// (the catalogue calls it once per platform).
import type { Platform } from '@shared/model/camera';
import type { CameraConnector } from '../connector';
import { createWvpConnector, type WvpConnectorOptions } from './wvp/wvp-connector';
import {
  createZlmediakitConnector,
  type ZlmediakitConnectorOptions,
} from './zlmediakit/zlmediakit-connector';

/** What every connector is given: the workspace folder (`{ file }` secrets are relative to it), the environment. */
export type ConnectorOptions = WvpConnectorOptions & ZlmediakitConnectorOptions;

/**
 * The platform's connector, or undefined for a platform that only has URL templates (the static path) or a
 * connector type not built yet (ONVIF: the caller says so).
 */
export function createConnector(platform: Platform, options: ConnectorOptions): CameraConnector | undefined {
  switch (platform.connector?.type) {
    case 'wvp':
      return createWvpConnector(platform, options);
    case 'zlmediakit':
      return createZlmediakitConnector(platform, options);
    default:
      return undefined;
  }
}
