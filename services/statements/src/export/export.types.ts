import { Field, ObjectType } from 'type-graphql';
import { Actor } from '../actor/actor.stub';
import { Attestation, StanceKind, StatementForm } from '../statement/statement.types';

/**
 * The bulk export's view of a statement: what GET /export/statements writes per line, and no more.
 * Claims and contradicting statements are keys (the export writes keys), so a page costs this
 * subgraph a fixed number of SQL queries; speakers and sources stay entities, for the gateway to
 * fetch from their subgraphs in one batch per page.
 */
@ObjectType({ description: 'A stance as the bulk export writes it: the claim by key, with its text.' })
export class ExportedStance {
  @Field({ description: 'Key of the claim.' })
  claim: string;

  @Field({ description: 'Text of the claim.' })
  claimText: string;

  @Field(() => StanceKind, { description: 'AFFIRMS or DENIES.' })
  stance: StanceKind;
}

@ObjectType({ description: 'One statement of the bulk export, with its position in the list.' })
export class ExportedStatement {
  @Field({ description: 'Its position in the list: `after` this cursor resumes right after it (the same cursors as `statements`).' })
  cursor: string;

  @Field({ description: 'Stable key of the statement.' })
  key: string;

  @Field({ description: 'What was said.' })
  text: string;

  @Field(() => StatementForm, { nullable: true, description: 'Direct quote, indirect quote or paraphrase.' })
  form: StatementForm | null;

  @Field(() => String, { nullable: true, description: 'Language of `text` (BCP 47).' })
  language: string | null;

  @Field({ description: 'When it was said, as reported (a day or an ISO instant with its offset).' })
  saidAt: string;

  @Field(() => String, { nullable: true, description: 'Where it was said.' })
  venue: string | null;

  @Field(() => Actor, { nullable: true, description: 'Who said it (null only when the actors service cannot be reached, as `Statement.speaker`).' })
  speaker: Actor | null;

  @Field(() => Actor, { nullable: true, description: 'The organisation the speaker spoke for, when reported.' })
  onBehalfOf: Actor | null;

  @Field(() => [String], { description: 'Keys of every topic it is about (its own and its claims’, as `Statement.topics`).' })
  topics: string[];

  @Field(() => [ExportedStance], { description: 'The claims it affirms or denies, in the order given at ingest.' })
  stances: ExportedStance[];

  @Field(() => [Attestation], { description: 'The sources reporting it, in the order given at ingest.' })
  attestations: Attestation[];

  // keys as two lists of strings, not a list of objects: a page holds tens of thousands of
  // contradictions, and each object would cost every layer a field resolution per field
  @Field(() => [String], {
    description: 'Keys of every statement that contradicts it (no cap), oldest first, as `Statement.contradictions` lists them.',
  })
  contradictions: string[];

  @Field(() => [String], {
    description: 'The keys of `contradictions` linked to it by a CONTRADICTS relation (origin EXPLICIT), in the same order; the others are DERIVED.',
  })
  explicitContradictions: string[];
}

@ObjectType({ description: 'One page of the bulk export (`statementExport`).' })
export class StatementExportPage {
  @Field(() => [ExportedStatement], { description: 'The page’s statements, in list order (newest first).' })
  statements: ExportedStatement[];

  @Field({ description: 'Whether statements follow this page.' })
  hasNextPage: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the page’s last statement: `after` it gives the next page (null on an empty page).' })
  endCursor: string | null;
}
