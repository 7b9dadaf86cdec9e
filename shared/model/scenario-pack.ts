// Scenario packs: a set of scenarios exported from one workspace as one JSON file, to import in another.
import { z } from 'zod';
import { idSchema, localizedTextSchema } from './common';
import { triggerLevelSchema } from './wall';
import { warningLevels } from '../vitals/warning-level';

/** Largest pack a console may import, in bytes of JSON text. */
export const maxScenarioPackBytes = 2 * 1024 * 1024;

export const scenarioPackFormat = 'tianmu-scenario-pack/1';

/**
 * The pack file. Scenarios are checked one by one after migration (see scenario-migrations.ts), so a pack
 * exported by an older version still imports; their schema is the scenario file's.
 */
export const scenarioPackSchema = z.object({
  format: z.literal(scenarioPackFormat),
  exportedAt: z.string().max(40),
  /** The district the pack came from, for people reading the file. */
  source: localizedTextSchema.optional(),
  scenarios: z.array(z.unknown()).min(1).max(64),
});
export type ScenarioPack = z.infer<typeof scenarioPackSchema>;

/** A suggestion on the console: an indicator reached a level that one scenario lists as a trigger. */
export const scenarioSuggestionSchema = z.object({
  id: z.string().max(200),
  scenarioId: idSchema,
  scenarioName: localizedTextSchema,
  indicatorId: idSchema,
  /** The level the indicator is at now. */
  level: z.enum(warningLevels),
  /** The trigger's level (the indicator is at it or worse). */
  triggerLevel: triggerLevelSchema,
  warning: localizedTextSchema,
  raisedAt: z.number(),
});
export type ScenarioSuggestion = z.infer<typeof scenarioSuggestionSchema>;
