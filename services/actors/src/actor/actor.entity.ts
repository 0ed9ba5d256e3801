import { LIST_BOUNDS } from '@newsgraph/news-package';
import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Table mappings. The schema is written by hand in migrations/; these mirror it (the trigram
 * indexes are declared with `synchronize: false` because TypeORM cannot express them).
 * Queries are plain SQL through the data source.
 */
@Entity('actor')
@Index('actor_name_folded_trgm_idx', { synchronize: false })
export class ActorEntity {
  @PrimaryColumn('text')
  key: string;

  @Index('actor_kind_idx')
  @Column('text')
  kind: string;

  @Column('text')
  name: string;

  @Column('text', { name: 'name_folded' })
  nameFolded: string;

  @Index('actor_country_code_idx')
  @Column('text', { name: 'country_code', nullable: true })
  countryCode: string | null;

  @Index('actor_part_of_idx')
  @Column('text', { name: 'part_of', nullable: true })
  partOf: string | null;

  /** the Wikidata item id, unique (migration 1764700000000) */
  @Column('text', { nullable: true })
  wikidata: string | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}

@Entity('actor_alias')
@Check('actor_alias_ordinal_bound', `ordinal >= 0 AND ordinal < ${LIST_BOUNDS.aliases}`)
@Index('actor_alias_value_folded_trgm_idx', { synchronize: false })
export class ActorAliasEntity {
  @PrimaryColumn('text', { name: 'actor_key' })
  actorKey: string;

  @PrimaryColumn('int')
  ordinal: number;

  @Column('text')
  value: string;

  @Column('text', { nullable: true })
  lang: string | null;

  @Column('text', { name: 'value_folded' })
  valueFolded: string;
}
