import { LIST_BOUNDS } from '@newsgraph/news-package';
import { Check, Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A role an actor held in an organisation; see migrations/ for the authoritative schema. */
@Entity('membership')
@Check('membership_ordinal_bound', `ordinal >= 0 AND ordinal < ${LIST_BOUNDS.memberships}`)
@Unique(['actorKey', 'ordinal'])
export class MembershipEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column('text', { name: 'actor_key' })
  actorKey: string;

  @Column('int')
  ordinal: number;

  @Column('text', { name: 'organization_key' })
  organizationKey: string;

  @Column('text', { nullable: true })
  role: string | null;

  @Column('text', { name: 'from_text', nullable: true })
  fromText: string | null;

  @Column('text', { name: 'to_text', nullable: true })
  toText: string | null;

  @Column('date', { name: 'from_day', nullable: true })
  fromDay: string | null;

  @Column('date', { name: 'to_day_exclusive', nullable: true })
  toDayExclusive: string | null;
}
