import type { Attribution, LiveStatement, Source } from './api.js';
import { h } from './dom.js';

/** `2026-03-04` stays a day; an instant is shown in the reader's locale with its date. */
export function formatSaidAt(saidAt: string): string {
  if (/^\d{4}(-\d{2}){0,2}$/.test(saidAt)) return saidAt;
  const d = new Date(saidAt);
  return Number.isNaN(d.getTime()) ? saidAt : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A day, as `2026-03-05`, of a date or instant (in its own offset, as reported). */
export function dayOf(value: string): string {
  return value.slice(0, 10);
}

function sourceLine(source: Source): HTMLElement {
  const outlet = source.outlet?.name ?? 'unknown outlet';
  const name = source.url
    ? h('a', { href: source.url, rel: 'noopener noreferrer', target: '_blank', class: 'outlet' }, outlet)
    : h('span', { class: 'outlet' }, outlet);
  return h(
    'li',
    {},
    name,
    source.title ? h('span', { class: 'source-title' }, `: ${source.title}`) : null,
    source.publishedAt ? h('span', { class: 'said-at' }, ` · `, h('time', { datetime: source.publishedAt }, dayOf(source.publishedAt))) : null,
  );
}

function sources(statement: LiveStatement): HTMLElement {
  return h(
    'div',
    { class: 'sources' },
    h('span', { class: 'label' }, statement.attestations.length > 1 ? 'Sources' : 'Source'),
    h('ul', {}, ...statement.attestations.map(({ source }) => sourceLine(source))),
  );
}

/** What the statement says about which claim; each claim opens the claim view. */
function stances(statement: LiveStatement, openClaim: (key: string) => void): HTMLElement | null {
  if (!statement.stances.length) return null;
  return h(
    'div',
    { class: 'stances' },
    ...statement.stances.map((s) => {
      const button = h(
        'button',
        { type: 'button', class: 'claim-link', 'data-claim': s.claim.key, title: 'Show this claim: positions over time' },
        s.claim.text,
      );
      button.addEventListener('click', () => openClaim(s.claim.key));
      return h(
        'p',
        { class: 'stance-line' },
        h('span', { class: `stance stance-${s.stance.toLowerCase()}` }, s.stance === 'AFFIRMS' ? 'affirms' : 'denies'),
        button,
      );
    }),
  );
}

/** Contradictions shown at once; the others are one click (or Enter) away. */
const CONTRADICTIONS_SHOWN = 3;

function contradictions(statement: LiveStatement): HTMLElement | null {
  if (!statement.contradictions.length) return null;
  const title = `Contradicted by ${statement.contradictions.length} statement${statement.contradictions.length > 1 ? 's' : ''}`;
  const item = (c: LiveStatement['contradictions'][number]) =>
    h(
      'li',
      { 'data-key': c.statement.key },
      h(
        'span',
        {
          class: `origin origin-${c.origin.toLowerCase()}`,
          title: c.origin === 'EXPLICIT' ? 'linked by an explicit CONTRADICTS relation' : 'opposite stances on the same claim',
        },
        c.origin === 'EXPLICIT' ? 'explicit' : 'opposite stance',
      ),
      ' ',
      h('strong', {}, c.statement.speaker?.name ?? 'unknown speaker'),
      ` (${formatSaidAt(c.statement.saidAt)}): `,
      h('q', {}, c.statement.text),
    );
  const first = statement.contradictions.slice(0, CONTRADICTIONS_SHOWN);
  const rest = statement.contradictions.slice(CONTRADICTIONS_SHOWN);
  return h(
    'section',
    { class: 'contradictions', 'aria-label': title },
    h('h3', {}, title),
    h('ul', {}, ...first.map(item)),
    rest.length ? h('details', {}, h('summary', {}, `${rest.length} more`), h('ul', {}, ...rest.map(item))) : null,
  );
}

/**
 * "Why is this by Spain": the roll-up path on the day said, e.g. José Manuel Albares → member
 * (Minister of Foreign Affairs) of the Ministry of Foreign Affairs from 2021-07-12 → part of the
 * Government of Spain → part of Spain. Nothing when the statement is the actor's own.
 */
export function attributionPath(attribution: Attribution | null | undefined, actorName: string): HTMLElement | null {
  // one step is the actor itself: nothing to explain
  if (!attribution || attribution.steps.length < 2) return null;
  const steps = attribution.steps.map((step, i) => {
    const name = h('strong', {}, step.actor?.name ?? 'unknown actor');
    if (i === 0 || !step.relation) return h('li', {}, name);
    const arrow = h('span', { class: 'arrow', 'aria-hidden': 'true' }, ' → ');
    if (step.relation === 'MEMBER_OF') {
      const since = step.from ? ` from ${step.from}` : '';
      const until = step.to ? ` to ${step.to}` : '';
      return h('li', {}, arrow, 'member of ', name, step.role ? h('span', { class: 'role' }, ` (${step.role})`) : null, `${since}${until}`);
    }
    if (step.relation === 'SPOKE_ON_BEHALF_OF') return h('li', {}, arrow, 'spoke for ', name);
    return h('li', {}, arrow, 'part of ', name);
  });
  return h(
    'div',
    { class: 'why', title: `The roll-up that held on ${attribution.on}, the day it was said` },
    h('span', { class: 'label' }, `Why ${actorName}: `),
    h('ol', { 'aria-label': `Why this counts as ${actorName}` }, ...steps),
  );
}

export interface ItemOptions {
  /** arrived live (not part of the history the page opened with) */
  fresh: boolean;
  /** the watched actor's name, for the "why" line */
  actorName: string | null;
  openClaim(key: string): void;
}

/** One statement as a list entry. */
export function statementItem(statement: LiveStatement, options: ItemOptions): HTMLLIElement {
  const speaker = statement.speaker?.name ?? 'unknown speaker';
  const behalf = statement.onBehalfOf ? h('span', { class: 'behalf' }, ` for ${statement.onBehalfOf.name}`) : null;
  return h(
    'li',
    { class: `statement${options.fresh ? ' fresh' : ''}`, 'data-key': statement.key },
    h(
      'article',
      { 'aria-label': `${speaker}: ${statement.text}` },
      h(
        'header',
        {},
        h('span', { class: 'speaker' }, speaker),
        behalf,
        h('span', { class: 'sep', 'aria-hidden': 'true' }, ' · '),
        h('time', { datetime: statement.saidAt, class: 'said-at' }, formatSaidAt(statement.saidAt)),
        options.fresh ? h('span', { class: 'badge-new' }, 'new') : null,
      ),
      h('blockquote', { class: 'text' }, statement.text),
      stances(statement, options.openClaim),
      options.actorName ? attributionPath(statement.attribution, options.actorName) : null,
      contradictions(statement),
      sources(statement),
      h('p', { class: 'key' }, statement.key),
    ),
  );
}
