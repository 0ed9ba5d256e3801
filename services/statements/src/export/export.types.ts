import { Field, Int, ObjectType } from 'type-graphql';
import { Actor } from '../actor/actor.stub';
import { Attestation, ContradictionOrigin, StanceKind, StatementForm } from '../statement/statement.types';

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

@ObjectType({ description: 'A contradicting statement as the bulk export writes it: its key, and why.' })
export class ExportedContradiction {
  @Field({ description: 'Key of the contradicting statement.' })
  statement: string;

  @Field(() => ContradictionOrigin, { description: 'EXPLICIT (a CONTRADICTS relation, either direction) or DERIVED (opposite stances only), as in `Statement.contradictions`.' })
  origin: ContradictionOrigin;
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

  @Field(() => Int, { description: 'How many statements contradict it: the length of `contradictions`.' })
  contradictionCount: number;

  @Field(() => [ExportedContradiction], { description: 'Every statement that contradicts it (no cap), oldest first, as `Statement.contradictions` lists them.' })
  contradictions: ExportedContradiction[];
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
