import { Article, LookupError } from '@newsgraph/extract';
import type { NewsPackage, Problem } from '@newsgraph/news-package';
import { REVIEW_FORMAT, writeQueueEntry } from '@newsgraph/gateway/dist/review-queue';
import { GatewayClient, ingestPackage } from '../ingest/index';
import type { FeedConfig } from './feeds';
import { boundedGet, FetchFailure, Fetcher, FetchLimits, HostGate } from './http';
import { subPackage, sureIndices } from './split';

/** A feed entry as the watcher uses it. */
export interface FeedItemInfo {
  id: string;
  url: string | null;
  title: string | null;
  /** ISO instant, when the feed dates the item */
  published: string | null;
}

/** What the article pipeline proposes for one page. */
export interface Proposal {
  article: Article;
  package: NewsPackage;
  problems: Problem[];
}

/** An article page (HTML) -> a proposed package; fatal read problems throw an Error saying why. */
export type PagePipeline = (page: { html: string; url: string; feed: FeedConfig; item: FeedItemInfo }) => Promise<Proposal>;

export interface ArticleDeps {
  fetcher: Fetcher;
  gate: HostGate;
  limits: FetchLimits;
  pipeline: PagePipeline;
  client: GatewayClient;
  threshold: number;
  queueDir: string;
  now(): number;
}

export type ArticleOutcome =
  | {
      outcome: 'ingested' | 'queued' | 'nothing';
      bytes: number;
      extracted: number;
      ingested: number;
      queued: number;
      /** keys of the statements written (the package names them; the ingest derives none here) */
      ingestedKeys?: string[];
      queueId?: string;
      problems?: string[];
    }
  | {
      outcome: 'failed';
      transient: boolean;
      /** the gateway's fault, not the article's: tried again at every poll, never given up */
      gatewayDown?: boolean;
      reason: string;
      bytes?: number;
      extracted?: number;
    };

export const USER_AGENT = 'newsgraph-watch/0.1 (news statement extraction; one request at a time per host)';
const HTML_TYPES = /^(text\/html|application\/xhtml\+xml|text\/plain)\b/i;

/**
 * Fetches one new item's page, extracts it, ingests the statements sure enough and queues the
 * article for review when any statement is left; returns what happened, for the log line.
 */
export async function processArticle(feed: FeedConfig, item: FeedItemInfo, deps: ArticleDeps): Promise<ArticleOutcome> {
  if (!item.url) return { outcome: 'failed', transient: false, reason: 'the feed item has no link to an article page' };
  let page;
  try {
    page = await deps.gate.run(item.url, () =>
      boundedGet(deps.fetcher, item.url!, { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1', 'user-agent': USER_AGENT }, deps.limits),
    );
  } catch (error) {
    if (error instanceof FetchFailure) return { outcome: 'failed', transient: error.transient, reason: error.message };
    throw error;
  }
  if (page.status !== 200) {
    const transient = page.status >= 500 || page.status === 408 || page.status === 429;
    return { outcome: 'failed', transient, reason: `the page answered HTTP ${page.status}`, bytes: page.body.length };
  }
  const type = page.headers.get('content-type') ?? '';
  if (type && !HTML_TYPES.test(type)) return { outcome: 'failed', transient: false, reason: `not an article page: content-type ${type}` };

  let proposal: Proposal;
  try {
    proposal = await deps.pipeline({ html: page.body, url: page.url, feed, item });
  } catch (error) {
    if (error instanceof LookupError)
      return { outcome: 'failed', transient: true, gatewayDown: true, reason: `linking: ${error.message}`, bytes: page.body.length };
    return { outcome: 'failed', transient: false, reason: `cannot extract: ${(error as Error).message}`, bytes: page.body.length };
  }
  const statements = proposal.package.statements ?? [];
  if (!statements.length) return { outcome: 'nothing', bytes: page.body.length, extracted: 0, ingested: 0, queued: 0 };

  let sure = sureIndices(proposal.package, deps.threshold);
  const problems: string[] = [];
  if (sure.length) {
    const lines: string[] = [];
    const outcome = await ingestPackage(page.url, JSON.stringify(subPackage(proposal.package, sure)), deps.client, {
      out: () => undefined,
      err: (line) => lines.push(line),
    });
    if (outcome === 'fatal' || outcome === 'refused') {
      // the gateway is away or refuses our token: nothing is lost, the item is tried again later
      return {
        outcome: 'failed',
        transient: true,
        gatewayDown: outcome === 'fatal',
        reason: `ingest: ${lines.join('; ')}`,
        bytes: page.body.length,
        extracted: statements.length,
      };
    }
    if (outcome === 'invalid') {
      // the sure ones could not go in as proposed: a person sees them with the rest, and why
      problems.push(...lines);
      sure = [];
    }
  }
  const waiting = statements.length - sure.length;
  let queueId: string | undefined;
  if (waiting > 0) {
    queueId = await writeQueueEntry(deps.queueDir, {
      format: REVIEW_FORMAT,
      article: proposal.article,
      package: proposal.package,
      problems: [...proposal.problems, ...problems.map((message) => ({ path: '', message }))],
      ingested: sure,
      origin: { feed: feed.url, item: item.id, fetchedAt: new Date(deps.now()).toISOString() },
    });
  }
  return {
    outcome: waiting > 0 ? 'queued' : 'ingested',
    bytes: page.body.length,
    extracted: statements.length,
    ingested: sure.length,
    queued: waiting,
    ingestedKeys: sure.flatMap((i) => (statements[i].key ? [statements[i].key!] : [])),
    ...(queueId ? { queueId } : {}),
    ...(problems.length ? { problems } : {}),
  };
}
