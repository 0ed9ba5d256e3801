import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Mirrors the `outlet` table of the migrations (the migrations are the source of truth). */
@Entity('outlet')
@Index('outlet_name_idx', ['nameFolded', 'key'])
@Index('outlet_country_idx', ['country'])
export class OutletEntity {
  @PrimaryColumn('text')
  key: string;

  @Column('text')
  name: string;

  /** lowercase, accents removed (`foldText`): what `outlets(search)` matches */
  @Index('outlet_name_trgm_idx', { type: 'gin' })
  @Column('text', { name: 'name_folded' })
  nameFolded: string;

  @Column('text', { nullable: true })
  country: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
