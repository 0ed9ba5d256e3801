import { Field, InputType } from 'type-graphql';
import { RelationType, StanceKind, StatementForm } from './statement.types';

@InputType({ description: 'A claim to create or update, matched by key (CONTRACT.md section 2).' })
export class ClaimInput {
  @Field({ description: 'Stable key, `^[a-z0-9][a-z0-9:._-]{0,199}$`.' })
  key: string;

  @Field({ description: 'The proposition, stated neutrally.' })
  text: string;

  @Field(() => [String], { nullable: true, description: 'Topic keys; replaces the stored list when given.' })
  topics?: string[] | null;
}

@InputType({ description: 'A stance of the statement toward a claim.' })
export class StanceInput {
  @Field({ description: 'Key of the claim (in this call or stored before).' })
  claim: string;

  @Field(() => StanceKind)
  stance: StanceKind;
}

@InputType({ description: 'An explicit relation to another statement.' })
export class RelationInput {
  @Field(() => RelationType)
  type: RelationType;

  @Field({ description: 'Key of the other statement (in this call or stored before).' })
  statement: string;
}

@InputType({ description: 'A source reporting the statement.' })
export class AttestationInput {
  @Field({ description: 'Key of the source (stored in the sources service).' })
  source: string;

  @Field(() => String, { nullable: true, description: 'The exact words the source prints.' })
  quotedText?: string | null;
}

@InputType({ description: 'A statement to create or update, matched by key (derived from speaker, day and text when absent).' })
export class StatementInput {
  @Field(() => String, { nullable: true, description: 'Stable key; when absent it is derived from speaker, day and normalised text.' })
  key?: string | null;

  @Field({ description: 'Key of the actor who said it.' })
  speaker: string;

  @Field(() => String, { nullable: true, description: 'Key of the organisation the speaker spoke for.' })
  onBehalfOf?: string | null;

  @Field({ description: 'What was said.' })
  text: string;

  @Field(() => String, { nullable: true })
  language?: string | null;

  @Field(() => StatementForm, { nullable: true })
  form?: StatementForm | null;

  @Field({ description: 'A day `YYYY-MM-DD` or an ISO instant with offset.' })
  saidAt: string;

  @Field(() => String, { nullable: true })
  venue?: string | null;

  @Field(() => [String], { nullable: true })
  topics?: string[] | null;

  @Field(() => [StanceInput], { nullable: true })
  stances?: StanceInput[] | null;

  @Field(() => [RelationInput], { nullable: true })
  relations?: RelationInput[] | null;

  @Field(() => [AttestationInput], { description: 'At least one source.' })
  attestations: AttestationInput[];
}
