import { connectionTypes, Node } from '@newsgraph/kit';
import { Directive, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { RELATION_TYPES, STANCE_KINDS, STATEMENT_FORMS } from '@newsgraph/news-package';

export enum StatementForm {
  DIRECT_QUOTE = 'DIRECT_QUOTE',
  INDIRECT_QUOTE = 'INDIRECT_QUOTE',
  PARAPHRASE = 'PARAPHRASE',
}
export enum StanceKind {
  AFFIRMS = 'AFFIRMS',
  DENIES = 'DENIES',
}
export enum RelationType {
  CONTRADICTS = 'CONTRADICTS',
  SUPPORTS = 'SUPPORTS',
  RESPONDS_TO = 'RESPONDS_TO',
}
export enum ContradictionOrigin {
  EXPLICIT = 'EXPLICIT',
  DERIVED = 'DERIVED',
}
/** true when A and B hold the same members, whichever side has one the other lacks. */
type SameMembers<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// The enums mirror the package format: a member added or dropped on either side fails to compile
// (`${Enum}` is the union of a string enum's values).
const _drift: [
  SameMembers<`${StatementForm}`, (typeof STATEMENT_FORMS)[number]>,
  SameMembers<`${StanceKind}`, (typeof STANCE_KINDS)[number]>,
  SameMembers<`${RelationType}`, (typeof RELATION_TYPES)[number]>,
] = [true, true, true];
void _drift;

registerEnumType(StatementForm, {
  name: 'StatementForm',
  description: 'How the words reached the source.',
  valuesConfig: {
    DIRECT_QUOTE: { description: 'The speaker’s own words, quoted.' },
    INDIRECT_QUOTE: { description: 'Reported speech ("he said that…").' },
    PARAPHRASE: { description: 'The source’s summary of what was said.' },
  },
});
registerEnumType(StanceKind, {
  name: 'StanceKind',
  description: 'Position a statement takes toward a claim.',
  valuesConfig: {
    AFFIRMS: { description: 'The statement asserts the claim is true.' },
    DENIES: { description: 'The statement asserts the claim is false.' },
  },
});
registerEnumType(RelationType, {
  name: 'RelationType',
  description: 'An explicit link from one statement to another, recorded at ingest.',
  valuesConfig: {
    CONTRADICTS: { description: 'The statement contradicts the other one.' },
    SUPPORTS: { description: 'The statement supports the other one.' },
    RESPONDS_TO: { description: 'The statement answers the other one.' },
  },
});
registerEnumType(ContradictionOrigin, {
  name: 'ContradictionOrigin',
  description: 'Why two statements count as contradicting each other.',
  valuesConfig: {
    EXPLICIT: { description: 'A CONTRADICTS relation links them (in either direction).' },
    DERIVED: { description: 'They take opposite stances (AFFIRMS vs DENIES) on the same claim.' },
  },
});

/** A statement as the resolvers pass it around (one row of the statement table). */
export interface StatementModel {
  id: string;
  key: string;
  seq: string;
  speakerKey: string;
  onBehalfOfKey: string | null;
  text: string;
  language: string | null;
  form: StatementForm | null;
  saidAt: string;
  saidOn: string;
  venue: string | null;
  topics: string[];
  allTopics: string[];
  extraction: StatementExtraction | null;
  /** not a GraphQL field: the UTC instant lists are ordered by, kept for their cursors */
  saidAtInstant: string;
}

@ObjectType({ description: 'How an extractor (`npm run extract`, the review page, the feed watcher) found a statement in an article.' })
export class StatementExtraction {
  @Field(() => Float, { description: 'How sure the extractor was, 0 to 1.' })
  confidence: number;

  @Field(() => Int, { description: "Offset of the statement's first character in the article's text." })
  start: number;

  @Field(() => Int, { description: "Offset just after the statement's last character in the article's text." })
  end: number;

  @Field({ description: 'True when a person should check it before it is trusted.' })
  review: boolean;
}

@Directive('@key(fields: "key")')
@ObjectType({
  implements: Node,
  description: 'Something an actor said, when, on which topics, with a stance toward normalised claims, as attested by one or more sources.',
})
export class Statement {
  @Field(() => ID, {
    description:
      'Global id, unique across all types and stable: `Statement:<key>` (e.g. `Statement:stmt:albares-denies-change-2026-03-04`); `node(id:)` refetches it.',
  })
  id: string;

  @Field({ description: 'Stable key, e.g. `stmt:albares-denies-change-2026-03-04`.' })
  key: string;

  @Field({ description: 'What was said, in the language it is recorded in.' })
  text: string;

  @Field(() => String, { nullable: true, description: 'Language of `text` (BCP 47, e.g. `en`).' })
  language: string | null;

  @Field(() => StatementForm, { nullable: true, description: 'Direct quote, indirect quote or paraphrase.' })
  form: StatementForm | null;

  @Field({ description: 'When it was said: a day (`2026-03-04`) or an ISO instant with its offset, as reported.' })
  saidAt: string;

  @Field({ description: 'The calendar day it was said (in the reported offset). "By" is decided on this day.' })
  saidOn: string;

  @Field(() => String, { nullable: true, description: 'Where it was said (a radio show, a press briefing…).' })
  venue: string | null;

  @Field(() => StatementExtraction, {
    nullable: true,
    description: 'How an extractor found it, when it came from `npm run extract` or the feed watcher; null when written by hand.',
  })
  extraction: StatementExtraction | null;
}

@ObjectType({ description: 'A source that reports a statement, with the words it quotes.' })
export class Attestation {
  sourceKey: string;

  @Field(() => String, { nullable: true, description: 'The exact text the source prints for the statement.' })
  quotedText: string | null;
}

@ObjectType({ description: 'A statement that contradicts the one it is listed under, and why.' })
export class Contradiction {
  @Field(() => ContradictionOrigin, {
    description:
      'EXPLICIT when a CONTRADICTS relation links the two (reported once even if their stances also oppose); DERIVED when only their stances on a claim oppose.',
  })
  origin: ContradictionOrigin;

  @Field(() => Statement, { description: 'The contradicting statement.' })
  statement: StatementModel;

  @Field(() => [String], { description: 'Keys of the claims on which the two take opposite stances (empty when the contradiction is only explicit).' })
  claimKeys: string[];
}

@ObjectType({ description: 'A statement’s position on a claim.' })
export class Stance {
  claimKey: string;

  @Field(() => StanceKind, { description: 'AFFIRMS or DENIES.' })
  stance: StanceKind;
}

@ObjectType({ description: 'An explicit relation from this statement to another.' })
export class StatementRelation {
  targetKey: string;

  @Field(() => RelationType, { description: 'How this statement relates to the other.' })
  type: RelationType;
}

@InputType({
  description:
    'Which statements to list. Every field narrows the list; all given fields must hold. Dates take `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or an ISO instant with offset.',
})
export class StatementFilter {
  @Field(() => String, {
    nullable: true,
    description:
      'Statements BY this actor: the speaker or the `onBehalfOf` actor rolls up to it on the day the statement was said (the actor itself, its structural parts via `partOf`, and whoever held a membership in it or in one of its parts on that day, at any depth).',
  })
  by?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Statements ABOUT this topic: among the statement’s own topics or those of a claim it takes a stance on.',
  })
  topic?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Full-text search of the statement text (PostgreSQL text search: words, stems, `"phrases"`, `or`, `-not`).',
  })
  text?: string | null;

  @Field(() => String, { nullable: true, description: 'Said at or after this moment (a date means from the start of that day/month/year).' })
  saidAfter?: string | null;

  @Field(() => String, { nullable: true, description: 'Said before this moment (a date means before the start of that day/month/year).' })
  saidBefore?: string | null;

  @Field(() => String, { nullable: true, description: 'Statements taking a stance (either way) on this claim.' })
  claim?: string | null;

  @Field(() => StanceKind, { nullable: true, description: 'With `claim`: only statements taking this stance on it.' })
  stance?: StanceKind | null;

  @Field(() => String, { nullable: true, description: 'Statements whose speaker is exactly this actor (no roll-up).' })
  speaker?: string | null;

  @Field(() => StatementForm, { nullable: true, description: 'Only statements of this form.' })
  form?: StatementForm | null;

  @Field(() => String, { nullable: true, description: 'Only statements recorded in this language.' })
  language?: string | null;
}

export const { Connection: StatementConnection, Edge: StatementEdge } = connectionTypes('Statement', Statement, 'A page of statements, newest first.');
