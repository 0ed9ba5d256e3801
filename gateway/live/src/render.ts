import type { LiveStatement } from './api.js';
import { h } from './dom.js';

/** `2026-03-04` stays a day; an instant is shown in the reader's locale with its date. */
export function formatSaidAt(saidAt: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(saidAt)) return saidAt;
  const d = new Date(saidAt);
  return Number.isNaN(d.getTime()) ? saidAt : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

function outlets(statement: LiveStatement): HTMLElement {
  const items = statement.attestations.map(({ source }) => {
    const label = source.outlet?.name ?? source.title ?? source.url ?? 'unknown source';
    const title = source.title && source.outlet ? source.title : undefined;
    return source.url
      ? h('a', { href: source.url, title, rel: 'noopener noreferrer', target: '_blank', class: 'outlet' }, label)
      : h('span', { class: 'outlet', title }, label);
  });
  const p = h('p', { class: 'sources' }, h('span', { class: 'label' }, items.length > 1 ? 'Sources: ' : 'Source: '));
  items.forEach((item, i) => p.append(...(i ? [', ', item] : [item])));
  return p;
}

function contradictions(statement: LiveStatement): HTMLElement | null {
  if (!statement.contradictions.length) return null;
  const title = `Contradicted by ${statement.contradictions.length} statement${statement.contradictions.length > 1 ? 's' : ''}`;
  return h(
    'section',
    { class: 'contradictions', 'aria-label': title },
    h('h3', {}, title),
    h(
      'ul',
      {},
      ...statement.contradictions.map((c) =>
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
          h('strong', {}, c.statement.speaker.name),
          ` (${formatSaidAt(c.statement.saidAt)}): `,
          h('q', {}, c.statement.text),
        ),
      ),
    ),
  );
}

/** One arriving statement as a feed entry. */
export function statementItem(statement: LiveStatement, arrivedAt: Date): HTMLLIElement {
  const behalf = statement.onBehalfOf ? h('span', { class: 'behalf' }, ` for ${statement.onBehalfOf.name}`) : null;
  return h(
    'li',
    { class: 'statement fresh', 'data-key': statement.key },
    h(
      'article',
      { 'aria-label': `${statement.speaker.name}: ${statement.text}` },
      h(
        'header',
        {},
        h('span', { class: 'speaker' }, statement.speaker.name),
        behalf,
        h('span', { class: 'sep', 'aria-hidden': 'true' }, ' · '),
        h('time', { datetime: statement.saidAt, class: 'said-at' }, formatSaidAt(statement.saidAt)),
        h('span', { class: 'arrived' }, `arrived ${arrivedAt.toLocaleTimeString()}`),
      ),
      h('blockquote', { class: 'text' }, statement.text),
      outlets(statement),
      contradictions(statement),
      h('p', { class: 'key' }, statement.key),
    ),
  );
}
