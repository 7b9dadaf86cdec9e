// Reads the workspace's optional `basemaps.json` (absent: the district's own vector map); a bad file refuses the
// whole workspace like any other.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  baseMapCatalogueSchema,
  defaultBaseMapCatalogue,
  type BaseMapCatalogue,
} from '@shared/model/base-map';
import { WorkspaceError } from '../workspace/workspace-error';

const fileName = 'basemaps.json';

export async function loadBaseMaps(directory: string): Promise<BaseMapCatalogue> {
  let text: string;
  try {
    text = await readFile(path.join(directory, fileName), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return defaultBaseMapCatalogue;
    throw new WorkspaceError(fileName, '', `cannot be read (${(error as Error).message})`);
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
  return result.data;
}

/** The catalogue as windows get it: `{token}` filled in (from the file or the core's environment), no secrets' names. */
export function resolveBaseMaps(
  catalogue: BaseMapCatalogue,
  environment: Readonly<Record<string, string | undefined>>,
): BaseMapCatalogue {
  return {
    default: catalogue.default,
    baseMaps: catalogue.baseMaps.map((baseMap) => {
      const { token, tokenEnv, ...rest } = baseMap;
      if (!('url' in rest)) return rest;
      const value = token ?? (tokenEnv ? environment[tokenEnv] : undefined) ?? '';
      return { ...rest, url: rest.url.replaceAll('{token}', encodeURIComponent(value)) };
    }),
  };
}
