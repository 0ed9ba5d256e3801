import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { LIST_BOUNDS } from '@newsgraph/news-package';
import { OutletEntity } from '../outlet/outlet.entity';

/** Mirrors the `source` table of the migrations (the migrations are the source of truth). */
@Entity('source')
@Check('source_kind_check', `kind IN ('ARTICLE', 'BROADCAST', 'PRESS_BRIEFING', 'SOCIAL_POST', 'INTERVIEW', 'OTHER')`)
@Index('source_published_idx', ['publishedAt', 'key'])
@Index('source_outlet_published_idx', ['outletKey', 'publishedAt', 'key'])
@Index('source_kind_idx', ['kind', 'publishedAt', 'key'])
export class SourceEntity {
  @PrimaryColumn('text')
  key: string;

  @Column('text')
  kind: string;

  @Column('text', { nullable: true })
  url: string | null;

  @Index('source_canonical_url_idx')
  @Column('text', { name: 'canonical_url', nullable: true })
  canonicalUrl: string | null;

  @Column('text', { nullable: true })
  title: string | null;

  /** lowercase, accents removed (`foldText`): what `sources(search)` matches */
  @Index('source_title_trgm_idx', { type: 'gin' })
  @Column('text', { name: 'title_folded', nullable: true })
  titleFolded: string | null;

  @Column('text', { name: 'outlet_key', nullable: true })
  outletKey: string | null;

  @ManyToOne(() => OutletEntity, { nullable: true })
  @JoinColumn({ name: 'outlet_key', foreignKeyConstraintName: 'source_outlet_fk' })
  outlet?: OutletEntity | null;

  /** the instant (a date counts as its first moment, UTC): what lists sort and filter on */
  @Column('timestamptz', { name: 'published_at', nullable: true })
  publishedAt: Date | null;

  /** `publishedAt` exactly as given (an instant keeps its offset, a date stays a date) */
  @Column('text', { name: 'published_text', nullable: true })
  publishedText: string | null;

  @Column('text', { nullable: true })
  language: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** One link of a derivation chain: `source` copies or cites `derivedFrom` (ordered as given). */
@Entity('source_derivation')
@Check('source_derivation_ordinal_bound', `ordinal >= 0 AND ordinal < ${LIST_BOUNDS.derivedFrom}`)
export class SourceDerivationEntity {
  @PrimaryColumn('text', { name: 'source_key', primaryKeyConstraintName: 'source_derivation_pk' })
  sourceKey: string;

  @PrimaryColumn('int', { primaryKeyConstraintName: 'source_derivation_pk' })
  ordinal: number;

  @Index('source_derivation_derived_from_idx')
  @Column('text', { name: 'derived_from_key' })
  derivedFromKey: string;

  @ManyToOne(() => SourceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'source_key', foreignKeyConstraintName: 'source_derivation_source_fk' })
  source?: SourceEntity;

  @ManyToOne(() => SourceEntity)
  @JoinColumn({ name: 'derived_from_key', foreignKeyConstraintName: 'source_derivation_derived_from_fk' })
  derivedFrom?: SourceEntity;
}
