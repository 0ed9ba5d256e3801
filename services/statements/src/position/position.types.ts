import { connectionTypes } from '@newsgraph/kit';
import { Field, Int, ObjectType } from 'type-graphql';
import { Actor } from '../actor/actor.stub';
import { StanceKind, Statement, StatementModel } from '../statement/statement.types';

/** A statement's stance on one claim, as the position resolvers pass it around. */
export interface PositionModel {
  claimKey: string;
  stance: StanceKind;
  statement: StatementModel;
}

@ObjectType({ description: 'A stance taken on a claim by one statement: one point of a position timeline.' })
export class Position {
  @Field(() => StanceKind, { description: 'AFFIRMS or DENIES.' })
  stance: StanceKind;

  @Field(() => Statement, { description: 'The statement taking the stance (its `saidAt` places it on the timeline).' })
  statement: StatementModel;

  /** the claim; exposed through the `claim` field resolver */
  claimKey: string;
}

export const { Connection: PositionConnection, Edge: PositionEdge } = connectionTypes(
  'Position',
  Position,
  'A page of positions on a claim, in the order they were taken (oldest first).',
);

/** One turn of an actor's stance on a claim. */
export interface PositionChangeModel {
  actorKey: string;
  claimKey: string;
  before: PositionModel;
  after: PositionModel;
}

@ObjectType({
  description:
    'A change of position: the actor’s rolled-up stance on a claim turned (AFFIRMS to DENIES or back) between two of its statements in a row on that claim.',
})
export class PositionChange {
  @Field(() => Position, { description: 'The actor’s last statement on the claim with the old stance.' })
  before: PositionModel;

  @Field(() => Position, { description: 'The actor’s first statement on the claim with the new stance, right after `before`.' })
  after: PositionModel;

  /** who changed; exposed through the `actor` field resolver */
  actorKey: string;
  /** on which claim; exposed through the `claim` field resolver */
  claimKey: string;
}

export const { Connection: PositionChangeConnection, Edge: PositionChangeEdge } = connectionTypes(
  'PositionChange',
  PositionChange,
  'A page of changes of position, in the order they happened (by the date of the statement after the turn).',
);

@ObjectType({ description: 'A claim both affirmed and denied within a period, with who took each side.' })
export class ContestedClaim {
  /** the claim; exposed through the `claim` field resolver */
  claimKey: string;

  @Field(() => Int, { description: 'Statements in the period taking a stance on the claim (its activity; the ranking).' })
  statementCount: number;

  @Field(() => Int, { description: 'Of those, how many affirm it.' })
  affirmCount: number;

  @Field(() => Int, { description: 'Of those, how many deny it.' })
  denyCount: number;

  @Field({ description: 'When the latest statement in the period on the claim was said (as reported).' })
  lastSaidAt: string;

  @Field(() => [Actor], {
    description: 'Top-level actors (see Position.topLevelActors) whose statements in the period affirm the claim, most statements first (at most 20).',
  })
  affirmedBy: Actor[];

  @Field(() => [Actor], { description: 'Top-level actors whose statements in the period deny the claim, most statements first (at most 20).' })
  deniedBy: Actor[];
}
