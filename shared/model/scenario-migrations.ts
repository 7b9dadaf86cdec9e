// Upgrades scenario files (and scenarios inside packs) written by older versions to the current format,
// one step per version, before the schema checks them.
import { scenarioFormatVersion } from './wall';

type Migration = (scenario: Record<string, unknown>) => Record<string, unknown>;

/** Step n upgrades a version-n scenario to version n + 1. Version 1 files have no `version` field. */
const migrations: Record<number, Migration> = {
  // 1 → 2: scenarios gained warning triggers; an old scenario is suggested by nothing.
  1: (scenario) => ({ ...scenario, version: 2, triggers: [] }),
};

/**
 * The scenario in the current format. Anything that is not an object, or declares a version this build does
 * not know, is returned unchanged so the schema reports it with the field's name.
 */
export function migrateScenario(raw: unknown): unknown {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  let scenario = raw as Record<string, unknown>;
  if (!('version' in scenario)) scenario = { ...scenario, version: 1 };
  for (;;) {
    const version = scenario.version;
    if (typeof version !== 'number' || version >= scenarioFormatVersion) return scenario;
    const step = migrations[version];
    if (!step) return scenario;
    scenario = step(scenario);
  }
}
