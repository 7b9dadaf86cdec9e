// Reads the workspace's optional `basemaps.json` (absent: the district's own vector map); a bad file refuses the
// whole workspace like any other. A PMTiles base map's file is opened and checked here too: missing, unreadable or
// damaged, it refuses the workspace with its file, field and problem named.
import path from 'node:path';
import {
  baseMapCatalogueSchema,
  defaultBaseMapCatalogue,
  type BaseMapCatalogue,
  type BaseMapSource,
} from '@shared/model/base-map';
import { WorkspaceError } from '../files/workspace-error';
import { FileKindError, maxJsonFileBytes, readTextFile } from '../files/read-text-file';
import { inspectPmtilesFile } from './pmtiles/inspect-pmtiles-file';
import { PmtilesError } from './pmtiles/pmtiles-error';

const fileName = 'basemaps.json';

export async function loadBaseMaps(directory: string): Promise<BaseMapCatalogue> {
  let text: string;
  try {
    text = await readTextFile(path.join(directory, fileName), maxJsonFileBytes);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return defaultBaseMapCatalogue;
    if (error instanceof FileKindError) throw new WorkspaceError(fileName, '', error.message);
    throw new WorkspaceError(
      fileName,
      '',
      `cannot be read (${(error as NodeJS.ErrnoException).code ?? error})`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new WorkspaceError(fileName, '', `not valid JSON (${(error as Error).message})`);
  }
  const result = baseMapCatalogueSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new WorkspaceError(fileName, issue.path.map(String).join('.'), issue.message);
  }
  const ids = new Set<string>();
  for (const [index, baseMap] of result.data.baseMaps.entries()) {
    if (ids.has(baseMap.id))
      throw new WorkspaceError(fileName, `baseMaps.${index}.id`, `duplicate id '${baseMap.id}'`);
    ids.add(baseMap.id);
  }
  const baseMaps: BaseMapSource[] = [];
  for (const [index, baseMap] of result.data.baseMaps.entries())
    baseMaps.push(baseMap.type === 'pmtiles' ? await withPmtilesFile(directory, baseMap, index) : baseMap);
  return { default: result.data.default, baseMaps };
}

/** The URL path the core serves a PMTiles base map's tiles on (see base-map-tiles.ts). */
export function pmtilesTilePath(baseMapId: string): string {
  return `/basemaps/${baseMapId}/{z}/{x}/{y}`;
}

/** The file of a PMTiles base map, as an absolute path inside the workspace folder. */
export function pmtilesFilePath(directory: string, file: string): string {
  return path.resolve(directory, ...file.split('/'));
}

/** Checks a PMTiles base map's file and fills in `tiles` (and the file's attribution when none is declared). */
async function withPmtilesFile(
  directory: string,
  baseMap: Extract<BaseMapSource, { type: 'pmtiles' }>,
  index: number,
): Promise<BaseMapSource> {
  const field = `baseMaps.${index}`;
  if (baseMap.tiles)
    throw new WorkspaceError(fileName, `${field}.tiles`, 'is filled in by the core from the file: remove it');
  const full = pmtilesFilePath(directory, baseMap.file);
  // The schema refuses absolute paths and '..'; this keeps any other trick out of the folder too.
  const relative = path.relative(path.resolve(directory), full);
  if (relative.startsWith('..') || path.isAbsolute(relative))
    throw new WorkspaceError(fileName, `${field}.file`, `'${baseMap.file}' is outside the workspace folder`);
  try {
    const summary = await inspectPmtilesFile(full);
    return {
      ...baseMap,
      ...(baseMap.attribution === undefined && summary.attribution
        ? { attribution: summary.attribution }
        : {}),
      tiles: {
        url: pmtilesTilePath(baseMap.id),
        format: summary.format,
        minZoom: summary.minZoom,
        maxZoom: summary.maxZoom,
        bounds: summary.bounds,
      },
    };
  } catch (error) {
    throw new WorkspaceError(fileName, `${field}.file`, `'${baseMap.file}' ${fileProblem(error)}`);
  }
}

function fileProblem(error: unknown): string {
  if (error instanceof FileKindError) return error.message;
  if (error instanceof PmtilesError) return `is not a usable PMTiles file: ${error.message}`;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'is missing';
  return `cannot be read (${code ?? (error as Error).message})`;
}

/**
 * The catalogue as windows get it: `{token}` filled in (from the file or the core's environment), no secrets'
 * names; PMTiles tile URLs carry the core's access token (they are served by the core, under its token rule).
 */
export function resolveBaseMaps(
  catalogue: BaseMapCatalogue,
  environment: Readonly<Record<string, string | undefined>>,
  accessToken: string | null = null,
): BaseMapCatalogue {
  return {
    default: catalogue.default,
    baseMaps: catalogue.baseMaps.map((baseMap) => {
      const { token, tokenEnv, ...rest } = baseMap;
      if (rest.type === 'pmtiles') {
        if (!rest.tiles || accessToken === null) return rest;
        const url = `${rest.tiles.url}?token=${encodeURIComponent(accessToken)}`;
        return { ...rest, tiles: { ...rest.tiles, url } };
      }
      if (!('url' in rest)) return rest;
      const value = token ?? (tokenEnv ? environment[tokenEnv] : undefined) ?? '';
      return { ...rest, url: rest.url.replaceAll('{token}', encodeURIComponent(value)) };
    }),
  };
}
