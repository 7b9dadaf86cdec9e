// Pulsing rings over new incidents as DOM overlays (map.css), so the canvas is not redrawn every frame.
import type OlMap from 'ol/Map';
import Overlay from 'ol/Overlay';
import type { Crs } from '@shared/model/common';
import type { Incident } from '@shared/model/incident';
import { filterIncidents, projectPosition, type IncidentFilter } from './layer-registry';
import { severityColours, severityRank } from './map-styles';

/** New incidents pulse for this long after they are raised, the most severe first, at most this many. */
const pulseMilliseconds = 10 * 60_000;
const maxPulses = 12;

/** Pulsing rings over new incidents: DOM overlays animated by CSS, so the canvas is not redrawn per frame. */
export class IncidentPulses {
  private readonly overlays = new Map<string, Overlay>();

  constructor(
    private readonly map: OlMap,
    private readonly crs: Crs,
  ) {}

  update(incidents: readonly Incident[], filter: IncidentFilter | undefined, now: number): void {
    const pulsing = filterIncidents(incidents, filter)
      .filter((incident) => incident.status === 'new' && now - incident.raisedAt < pulseMilliseconds)
      .sort((a, b) => severityRank[b.severity] - severityRank[a.severity] || b.raisedAt - a.raisedAt)
      .slice(0, maxPulses);
    const keep = new Set(pulsing.map((incident) => incident.id));
    for (const [id, overlay] of this.overlays) {
      if (!keep.has(id)) {
        this.map.removeOverlay(overlay);
        overlay.dispose();
        this.overlays.delete(id);
      }
    }
    for (const incident of pulsing) {
      let overlay = this.overlays.get(incident.id);
      if (!overlay) {
        const element = document.createElement('div');
        element.className = 'tianmu-incident-pulse';
        element.dataset.incidentId = incident.id;
        element.style.setProperty('--pulse-colour', severityColours[incident.severity]);
        overlay = new Overlay({ element, positioning: 'center-center', stopEvent: false });
        this.map.addOverlay(overlay);
        this.overlays.set(incident.id, overlay);
      }
      overlay.setPosition(projectPosition(incident.position, 'wgs84', this.crs));
    }
  }

  count(): number {
    return this.overlays.size;
  }

  dispose(): void {
    for (const overlay of this.overlays.values()) {
      this.map.removeOverlay(overlay);
      overlay.dispose();
    }
    this.overlays.clear();
  }
}
