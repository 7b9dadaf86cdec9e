// The incident layer (`incidents`) and the incident filter a map widget sets.
import Feature from 'ol/Feature';
import Point from 'ol/geom/Point';
import type { Incident } from '@shared/model/incident';
import { incidentStyle, severityRank } from '../map-styles';
import { levelOfDetailLayer } from './level-of-detail-layer';
import { projectPosition, type IncidentFilter, type MapLayerDefinition } from './map-layer';

/** Open incidents passing a filter (closed incidents are history, not the map). */
export function filterIncidents(
  incidents: readonly Incident[],
  filter: IncidentFilter | undefined,
): readonly Incident[] {
  const minimum = filter?.minimumSeverity ? severityRank[filter.minimumSeverity] : 0;
  const categories = filter?.categories && filter.categories.length > 0 ? new Set(filter.categories) : null;
  return incidents.filter(
    (incident) =>
      incident.status !== 'closed' &&
      severityRank[incident.severity] >= minimum &&
      (!categories || categories.has(incident.category)),
  );
}

/** Incidents: diamonds in the severity colour (worst wins its screen cell), aggregated per grid when crowded. */
export const incidentsLayer: MapLayerDefinition = {
  id: 'incidents',
  create: (map, options) => {
    let filtered: { from: readonly Incident[]; incidents: readonly Incident[] } | null = null;
    return levelOfDetailLayer<Incident>(map, options, {
      select: (data) => {
        if (!data.incidents) return null;
        if (filtered?.from !== data.incidents)
          filtered = {
            from: data.incidents,
            incidents: filterIncidents(data.incidents, options.incidentFilter),
          };
        return filtered.incidents;
      },
      isSame: (data, previous) => previous !== null && data.incidents === previous.incidents,
      project: (incident) => projectPosition(incident.position, 'wgs84', options.crs),
      // New beats acknowledged within a severity: what still needs an operator stays visible.
      rank: (incident) => severityRank[incident.severity] * 2 + (incident.status === 'new' ? 1 : 0),
      area: (incident) => incident.grid,
      single: (incident, count, coordinate) => {
        const feature = new Feature({
          geometry: new Point([coordinate[0], coordinate[1]]),
          kind: 'incident',
          title: incident.title,
          severity: incident.severity,
          status: incident.status,
          count,
        });
        feature.setId(incident.id);
        return feature;
      },
      group: (aggregate, top) =>
        new Feature({
          geometry: new Point([aggregate.x, aggregate.y]),
          kind: 'incident-group',
          area: aggregate.key,
          count: aggregate.count,
          severity: top.severity,
        }),
      style: incidentStyle,
      symbolPixels: 26,
      budget: 400,
    });
  },
};
