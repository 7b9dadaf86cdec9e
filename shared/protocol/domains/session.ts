// Protocol messages of a window's session: the hello that tells a window everything it needs to start.
import { z } from 'zod';
import { idSchema } from '../../model/common';
import { indicatorSchema } from '../../model/indicator';
import { scenarioSchema, wallSchema, wallStateSchema } from '../../model/wall';
import { workspaceManifestSchema } from '../../model/workspace';
import { localizedTextSchema } from '../../model/common';

/** Scenario summary for lists (the console): no cell contents. */
export const scenarioSummarySchema = scenarioSchema.pick({ id: true, name: true, mode: true, banner: true });
export type ScenarioSummary = z.infer<typeof scenarioSummarySchema>;

/**
 * Which client a window is; the journal names it as the actor's window. Every role but `wall` is a person's
 * window and goes to the login page without a session (`leader`: the read-only leader view, #/leader).
 */
export const clientRoleSchema = z.enum(['wall', 'console', 'viewer', 'leader']);
export type ClientRole = z.infer<typeof clientRoleSchema>;

export const sessionRequests = {
  'session.hello': {
    access: 'wall',
    params: z.object({
      role: clientRoleSchema,
      displayId: idSchema.optional(),
      locale: z.string().max(16).optional(),
    }),
    result: z.object({
      protocolVersion: z.literal(1),
      serverTime: z.number(),
      manifest: workspaceManifestSchema.omit({ server: true }),
      /**
       * The core serves other machines over plain HTTP (`--insecure-lan`): every window shows a red
       * 不安全连接 banner. Absent otherwise.
       */
      insecureLan: z.literal(true).optional(),
      wall: wallSchema,
      scenarios: z.array(scenarioSummarySchema),
      indicators: z.array(indicatorSchema),
      state: wallStateSchema,
      stateHash: z.string(),
      /**
       * Points of history the core keeps per topic: a window keeps no more (absent from older cores; a soak
       * bench makes it small so the caps fill before it measures).
       */
      historyLength: z.number().int().positive().optional(),
    }),
  },
} as const;

export const sessionEvents = {
  'core.noticeRaised': z.object({ level: z.enum(['info', 'warning', 'error']), text: localizedTextSchema }),
  /**
   * Sent by the Electron shell, never by the core, to a wall window that was hidden or minimised or is shown
   * again. Wall windows never throttle in the background, and such a page always reports itself visible
   * (electron#39223), so it cannot tell by itself. The browser host needs no such event: there Chromium's own
   * `document.visibilityState` changes.
   */
  'window.visibilityChanged': z.object({ isShown: z.boolean() }),
} as const;
