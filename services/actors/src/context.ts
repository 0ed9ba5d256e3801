import { Caller } from '@newsgraph/kit';
import { DataSource } from 'typeorm';
import { ActorLoaders, createActorLoaders } from './actor/actor.loaders';
import { RollupService } from './rollup/rollup.service';

/** Everything a resolver may need; the loaders are new for every request. */
export interface ActorsContext {
  caller: Caller;
  dataSource: DataSource;
  rollup: RollupService;
  loaders: ActorLoaders;
}

export function createActorsContext(caller: Caller, dataSource: DataSource, rollup: RollupService): ActorsContext {
  return { caller, dataSource, rollup, loaders: createActorLoaders(dataSource, rollup) };
}
