import { processMetrics, requireWriter, UpsertResult } from '@newsgraph/kit';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { StatementsContext } from '../context';
import { ClaimInput, StatementInput } from './statement.inputs';
import { writeStatements } from './statement.writer';

@Resolver()
export class IngestResolver {
  @Mutation(() => UpsertResult, {
    description:
      'Creates or updates claims and statements by key, all or nothing: the input is validated as a whole (every problem listed with its path, e.g. `/statements/0/saidAt`) before anything is written. Needs `Authorization: Bearer <token>`.',
  })
  async upsertStatements(
    @Arg('claims', () => [ClaimInput], { nullable: true, defaultValue: [], description: 'Claims to create or update (written before the statements).' })
    claims: ClaimInput[],
    @Arg('statements', () => [StatementInput], { nullable: true, defaultValue: [], description: 'Statements to create or update.' })
    statements: StatementInput[],
    @Ctx() ctx: StatementsContext,
  ): Promise<UpsertResult> {
    requireWriter(ctx.caller);
    const { byKind, ...result } = await writeStatements(ctx.db, claims ?? [], statements ?? [], ctx.external);
    const metrics = processMetrics();
    metrics.countIngest('statements', 'claim', byKind.claim);
    metrics.countIngest('statements', 'statement', byKind.statement);
    return result;
  }
}
