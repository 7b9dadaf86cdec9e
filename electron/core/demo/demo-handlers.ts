// Requests only the embedded demo answers: the typhoon script that drives the demo district's indicators.
import { ProtocolError } from '@shared/protocol';
import type { HandlerGroup } from '../session';
import type { SourceManager } from '../feeds/source-manager';
import type { TyphoonScript } from './world/typhoon-script';

export interface DemoHandlerDependencies {
  readonly sources: SourceManager;
  readonly typhoon: TyphoonScript;
}

export function demoHandlers(dependencies: DemoHandlerDependencies): HandlerGroup<'demo.typhoon'> {
  return {
    async 'demo.typhoon'({ action, durationSeconds }) {
      if (!dependencies.sources.list().some((source) => source.kind === 'demo')) {
        throw new ProtocolError('rejected', 'the workspace declares no demo source');
      }
      if (action === 'start') {
        dependencies.typhoon.start(durationSeconds === undefined ? undefined : durationSeconds * 1_000);
      }
      if (action === 'stop') dependencies.typhoon.stop();
      return dependencies.typhoon.status;
    },
  };
}
