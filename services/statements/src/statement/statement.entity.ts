import { LIST_BOUNDS } from '@newsgraph/news-package';
import { Check, Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

@Entity('statement')
@Check('statement_topics_bound', `cardinality(topics) <= ${LIST_BOUNDS.topics}`)
export class StatementEntity {
  @PrimaryColumn('text')
  key: string;

  @Column({ type: 'bigint', insert: false, update: false })
  seq: string;

  @Column('text', { name: 'speaker_key' })
  speakerKey: string;

  @Column('text', { name: 'on_behalf_of_key', nullable: true })
  onBehalfOfKey: string | null;

  @Column('text')
  text: string;

  @Column('text', { nullable: true })
  language: string | null;

  @Column('text', { nullable: true })
  form: string | null;

  @Column('timestamptz', { name: 'said_at' })
  saidAt: Date;

  /** the day it was said, in the offset it was reported with ("by" is decided per day) */
  @Column('date', { name: 'said_on' })
  saidOn: string;

  @Column('text', { name: 'said_at_text' })
  saidAtText: string;

  @Column('text', { nullable: true })
  venue: string | null;

  @Column('text', { array: true })
  topics: string[];

  @Column('text', { name: 'all_topics', array: true })
  allTopics: string[];

  @Column('text', { name: 'content_hash' })
  contentHash: string;

  /** how an extractor found it (confidence, offsets, review); null when written by hand */
  @Column('jsonb', { nullable: true })
  extraction: { confidence: number; start: number; end: number; review: boolean } | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

@Entity('stance')
@Check('stance_ordinal_bound', `ordinal >= 0 AND ordinal < ${LIST_BOUNDS.stances}`)
export class StanceEntity {
  @PrimaryColumn('text', { name: 'statement_key' })
  statementKey: string;

  @PrimaryColumn('text', { name: 'claim_key' })
  claimKey: string;

  @Column('text')
  stance: 'AFFIRMS' | 'DENIES';

  @Column('int')
  ordinal: number;
}

@Entity('relation')
@Check('relation_ordinal_bound', `ordinal >= 0 AND ordinal < ${LIST_BOUNDS.relations}`)
export class RelationEntity {
  @PrimaryColumn('text', { name: 'statement_key' })
  statementKey: string;

  @PrimaryColumn('text')
  type: 'CONTRADICTS' | 'SUPPORTS' | 'RESPONDS_TO';

  @PrimaryColumn('text', { name: 'target_key' })
  targetKey: string;

  @Column('int')
  ordinal: number;
}

@Entity('attestation')
@Check('attestation_ordinal_bound', `ordinal >= 0 AND ordinal < ${LIST_BOUNDS.attestations}`)
export class AttestationEntity {
  @PrimaryColumn('text', { name: 'statement_key' })
  statementKey: string;

  @PrimaryColumn('int')
  ordinal: number;

  @Column('text', { name: 'source_key' })
  sourceKey: string;

  @Column('text', { name: 'quoted_text', nullable: true })
  quotedText: string | null;
}
