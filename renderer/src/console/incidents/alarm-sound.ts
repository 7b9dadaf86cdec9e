// Which alarm the console sounds, and how it sounds: pure, so the rule is tested without audio. The console sounds
// for incidents that arrived while it was open and are still unacknowledged, of a severity the workspace has sound
// on for (alarms.json; orange and red by default); the most severe one sets the tone. 确认 (or 静音) silences it.
import type { AlarmSound, Incident, IncidentSeverity } from '@shared/model/incident';

const severityRank: Readonly<Record<IncidentSeverity, number>> = { blue: 0, yellow: 1, orange: 2, red: 3 };

/** The severity to sound now, or null for silence. */
export function soundingSeverity(
  incidents: readonly Incident[],
  arrived: ReadonlySet<string>,
  sound: AlarmSound,
): IncidentSeverity | null {
  let loudest: IncidentSeverity | null = null;
  for (const incident of incidents) {
    if (incident.status !== 'new' || !arrived.has(incident.id) || !sound[incident.severity]) continue;
    if (loudest === null || severityRank[incident.severity] > severityRank[loudest])
      loudest = incident.severity;
  }
  return loudest;
}

/** One repetition of a severity's tone: frequencies (Hz) and how long each lasts (s); then a pause. */
export interface TonePattern {
  readonly notes: readonly { readonly frequency: number; readonly seconds: number }[];
  /** Seconds from the start of one repetition to the next. */
  readonly period: number;
}

/**
 * Red alternates two high notes fast (the two-tone of an emergency siren); orange repeats one note at a slower
 * pace; yellow and blue are single short beeps further apart. Distinct by ear without looking at the screen.
 */
export const tonePatterns: Readonly<Record<IncidentSeverity, TonePattern>> = {
  red: {
    notes: [
      { frequency: 960, seconds: 0.25 },
      { frequency: 770, seconds: 0.25 },
      { frequency: 960, seconds: 0.25 },
      { frequency: 770, seconds: 0.25 },
    ],
    period: 1.4,
  },
  orange: {
    notes: [
      { frequency: 660, seconds: 0.3 },
      { frequency: 660, seconds: 0.3 },
    ],
    period: 2,
  },
  yellow: { notes: [{ frequency: 520, seconds: 0.3 }], period: 3 },
  blue: { notes: [{ frequency: 440, seconds: 0.2 }], period: 4 },
};
