// Protocol messages of scenario presets: the list, packs (export/import) and warning-level suggestions.
import { z } from 'zod';
import { idSchema } from '../../model/common';
import {
  maxScenarioPackBytes,
  scenarioPackSchema,
  scenarioSuggestionSchema,
} from '../../model/scenario-pack';
import { scenarioSummarySchema } from './session';

export const scenarioRequests = {
  'scenario.list': {
    access: 'wall',
    params: z.object({}),
    result: z.object({ scenarios: z.array(scenarioSummarySchema) }),
  },
  /** The pack of the given scenarios (all when none are named). */
  'scenario.exportPack': {
    access: 'view',
    params: z.object({ scenarioIds: z.array(idSchema).max(64).optional() }),
    result: z.object({ pack: scenarioPackSchema }),
  },
  /**
   * Imports a pack given as the file's text (so the core reports bad JSON and size itself). Nothing is written
   * unless every scenario is valid; scenarios with existing ids are refused unless `replaceExisting`.
   */
  'scenario.importPack': {
    access: 'operate',
    params: z.object({
      text: z.string().max(maxScenarioPackBytes),
      replaceExisting: z.boolean().default(false),
    }),
    result: z.object({ imported: z.array(idSchema), replaced: z.array(idSchema) }),
  },
  /**
   * 另存为场景: the wall as it is now becomes a scenario, new (`scenarioId` left out) or over an existing one
   * (`overwrite` must be true: the console asks first). Every console's list is told at once (`listChanged`).
   */
  'scenario.save': {
    access: 'operate',
    params: z.object({
      name: z.string().trim().min(1).max(40),
      scenarioId: idSchema.optional(),
      overwrite: z.boolean().default(false),
    }),
    result: z.object({ scenarioId: idSchema, isReplaced: z.boolean() }),
  },
  'scenario.suggestions': {
    access: 'wall',
    params: z.object({}),
    result: z.object({ suggestions: z.array(scenarioSuggestionSchema) }),
  },
  /** The operator declined a suggestion; it comes back only when the level falls and rises again. */
  'scenario.dismissSuggestion': {
    access: 'operate',
    params: z.object({ suggestionId: z.string().max(200) }),
    result: z.object({}),
  },
} as const;

export const scenarioEvents = {
  'scenario.listChanged': z.object({ scenarios: z.array(scenarioSummarySchema) }),
  /** The open suggestions, whole, after every change. */
  'scenario.suggestionsChanged': z.object({ suggestions: z.array(scenarioSuggestionSchema) }),
} as const;
