// Which connector a platform's `connector.type` gets: the one place the core turns platforms.json into connectors.
import type { Platform } from '@shared/model/camera';
import type { CameraConnector } from '../connector';
import { createWvpConnector, type WvpConnectorOptions } from './wvp/wvp-connector';

export type ConnectorOptions = WvpConnectorOptions;

/** The connector for a platform with a `connector`, or undefined for a type not built yet (the caller says so). */
export function createConnector(platform: Platform, options: ConnectorOptions): CameraConnector | undefined {
  switch (platform.connector?.type) {
    case 'wvp':
      return createWvpConnector(platform, options);
    default:
      return undefined;
  }
}
