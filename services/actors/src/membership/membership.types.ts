import { connectionTypes } from '@newsgraph/kit';
import { Field, ObjectType } from 'type-graphql';

@ObjectType({
  description:
    'A role an actor held in an organisation for a time, e.g. a minister in a ministry or a party in a ' +
    'coalition. Dates are partial (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`) as given; an open end is null. ' +
    'A membership is held from the first day of `from` through the last day of `to`.',
})
export class Membership {
  @Field(() => String, { nullable: true, description: 'The role, e.g. `Minister of Foreign Affairs`.' })
  role: string | null;

  @Field(() => String, { nullable: true, description: 'Start, as given (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`); null = since always.' })
  from: string | null;

  @Field(() => String, { nullable: true, description: 'End, as given (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), inclusive; null = still held.' })
  to: string | null;

  /** the member */
  actorKey: string;
  /** the organisation */
  organizationKey: string;
  /** position in the member's list */
  ordinal: number;
  /** first day held, `YYYY-MM-DD`, or null */
  fromDay: string | null;
  /** day after the last day held, or null */
  toDayExclusive: string | null;
}

export const { Connection: MembershipConnection, Edge: MembershipEdge } = connectionTypes(
  'Membership',
  Membership,
  'A page of memberships, with the total number of matches.',
);

export const MEMBERSHIP_COLUMNS =
  'm.actor_key, m.ordinal, m.organization_key, m.role, m.from_text, m.to_text, m.from_day::text AS from_day, m.to_day_exclusive::text AS to_day_exclusive';

/** A row of MEMBERSHIP_COLUMNS (the days cast to text). */
export interface MembershipRow {
  actor_key: string;
  ordinal: number;
  organization_key: string;
  role: string | null;
  from_text: string | null;
  to_text: string | null;
  from_day: string | null;
  to_day_exclusive: string | null;
}

export function toMembership(row: MembershipRow): Membership {
  return {
    actorKey: row.actor_key,
    ordinal: row.ordinal,
    organizationKey: row.organization_key,
    role: row.role,
    from: row.from_text,
    to: row.to_text,
    fromDay: row.from_day,
    toDayExclusive: row.to_day_exclusive,
  };
}

/** True when the membership was held on `day` (`YYYY-MM-DD`). */
export function heldOn(m: Pick<Membership, 'fromDay' | 'toDayExclusive'>, day: string): boolean {
  return (m.fromDay === null || m.fromDay <= day) && (m.toDayExclusive === null || day < m.toDayExclusive);
}

/** SQL: membership `m` held on the day bound to parameter `param`. */
export function heldOnSql(param: string): string {
  return `(m.from_day IS NULL OR m.from_day <= ${param}::date) AND (m.to_day_exclusive IS NULL OR ${param}::date < m.to_day_exclusive)`;
}
