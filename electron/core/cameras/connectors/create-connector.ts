// Builds the connector a platform's `connector` settings name; the catalogue calls it once per platform.
import type { Platform } from '@shared/model/camera';
import type { CameraConnector } from '../connector';
import { createZlmediakitConnector } from './zlmediakit/zlmediakit-connector';

export interface ConnectorContext {
  /** The workspace folder: `{ file }` secrets are relative to it. */
  readonly workspaceDir: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * The platform's connector, or undefined for a platform that only has URL templates (the static path) or a
 * connector type not built yet.
 */
export function createConnector(platform: Platform, context: ConnectorContext): CameraConnector | undefined {
  switch (platform.connector?.type) {
    case 'zlmediakit':
      return createZlmediakitConnector(platform, context);
    default:
      return undefined;
  }
}
