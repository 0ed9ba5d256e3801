import { Field, Float, InputType, Int } from 'type-graphql';
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

  @Field(() => StanceKind, { description: 'AFFIRMS or DENIES.' })
  stance: StanceKind;
}

@InputType({ description: 'An explicit relation to another statement.' })
export class RelationInput {
  @Field(() => RelationType, { description: 'CONTRADICTS, SUPPORTS or RESPONDS_TO.' })
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

@InputType({ description: 'How an extractor found a statement (CONTRACT.md section 7); kept with it for review.' })
export class ExtractionInput {
  @Field(() => Float, { description: 'How sure the extractor is, 0 to 1.' })
  confidence: number;

  @Field(() => Int, { description: "Offset of the statement's first character in the article's text." })
  start: number;

  @Field(() => Int, { description: "Offset just after the statement's last character." })
  end: number;

  @Field({ description: 'True when a person should check it before it is trusted.' })
  review: boolean;
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

  @Field(() => String, { nullable: true, description: 'Language of the text (BCP 47, e.g. `en`).' })
  language?: string | null;

  @Field(() => StatementForm, { nullable: true, description: 'Direct quote, indirect quote or paraphrase.' })
  form?: StatementForm | null;

  @Field({ description: 'A day `YYYY-MM-DD` or an ISO instant with offset.' })
  saidAt: string;

  @Field(() => String, { nullable: true, description: 'Where it was said (a radio show, a briefing…).' })
  venue?: string | null;

  @Field(() => [String], { nullable: true, description: 'Topic keys of the statement itself.' })
  topics?: string[] | null;

  @Field(() => [StanceInput], { nullable: true, description: 'Claims it affirms or denies.' })
  stances?: StanceInput[] | null;

  @Field(() => [RelationInput], { nullable: true, description: 'Explicit relations to other statements.' })
  relations?: RelationInput[] | null;

  @Field(() => [AttestationInput], { description: 'At least one source.' })
  attestations: AttestationInput[];

  @Field(() => ExtractionInput, { nullable: true, description: 'How an extractor found it (confidence, offsets, review); stored with the statement.' })
  extraction?: ExtractionInput | null;
}
