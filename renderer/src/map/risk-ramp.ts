// The risk map's colour ramp: a risk index 0–100 per grid falls into five classes shaded in one sequential
// purple ramp. Deliberately not the warning colours: those mean an issued warning, a risk index is not one.

/** One class of the ramp: the indices from `from` (inclusive) up to the next class, and how it is drawn. */
export interface RiskClass {
  readonly from: number;
  /** Opaque colour for legends. */
  readonly colour: string;
  /** Translucent fill over the map (the base map stays readable under it). */
  readonly fill: string;
  readonly label: { readonly zh: string; readonly en: string };
}

/** Lowest to highest; darker and fainter for low risk, brighter and denser for high risk on the dark wall. */
export const riskClasses: readonly RiskClass[] = [
  { from: 0, colour: '#3a2d66', fill: 'rgba(58, 45, 102, 0.30)', label: { zh: '低', en: 'Low' } },
  { from: 20, colour: '#5a3590', fill: 'rgba(90, 53, 144, 0.42)', label: { zh: '较低', en: 'Lower' } },
  { from: 40, colour: '#7e3fb3', fill: 'rgba(126, 63, 179, 0.52)', label: { zh: '中', en: 'Medium' } },
  { from: 60, colour: '#a64bd1', fill: 'rgba(166, 75, 209, 0.62)', label: { zh: '较高', en: 'Higher' } },
  { from: 80, colour: '#d366ee', fill: 'rgba(211, 102, 238, 0.72)', label: { zh: '高', en: 'High' } },
];

/** The class index (0 = lowest) of a risk index; values outside 0–100 are clamped, non-numbers have none. */
export function riskClassIndex(value: number): number | undefined {
  if (!Number.isFinite(value)) return undefined;
  const clamped = Math.min(100, Math.max(0, value));
  let index = 0;
  while (index + 1 < riskClasses.length && clamped >= riskClasses[index + 1]!.from) index++;
  return index;
}
