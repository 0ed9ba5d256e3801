import { h } from './dom.js';
import { Decision, FORM_LABELS, FORMS, Item, Review } from './model.js';

const DECISION_LABELS: Record<Decision, string> = { pending: 'to review', accepted: 'accepted', dropped: 'dropped', ingested: 'ingested' };

export function decisionLabel(d: Decision): string {
  return DECISION_LABELS[d];
}

/** Paragraphs of the text with their offsets (a blank line or a line break ends one). */
function paragraphs(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const re = /[^\n]+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) if (m[0].trim()) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

/**
 * The article's text with each quotation that has bounds marked as a link to its card; a quotation
 * inside another one (a nested quote) keeps its card but is not marked twice.
 */
export function articleView(review: Review): HTMLElement[] {
  const { text, title } = review.doc.article;
  const spans = review.items.filter((i) => i.start !== null && i.end !== null).sort((a, b) => a.start! - b.start! || b.end! - a.end!);
  const marked: Item[] = [];
  let reach = -1;
  for (const s of spans) {
    if (s.start! >= reach) {
      marked.push(s);
      reach = s.end!;
    }
  }
  const out: HTMLElement[] = [];
  if (title) out.push(h('p', { class: 'headline' }, title));
  for (const p of paragraphs(text)) {
    const el = h('p', {});
    let at = p.start;
    for (const item of marked) {
      const s = Math.max(item.start!, p.start);
      const e = Math.min(item.end!, p.end);
      if (s >= e) continue;
      if (s > at) el.append(text.slice(at, s));
      const n = item.index + 1;
      const continued = item.start! < p.start;
      el.append(
        h(
          'a',
          {
            class: 'q',
            href: `#q-${n}`,
            'data-q': String(n),
            'data-state': item.decision === 'ingested' ? 'accepted' : item.decision,
            ...(continued ? {} : { id: `m-${n}` }),
            'aria-label': `quotation ${n}, ${item.speakerName}, ${decisionLabel(item.decision)}: ${text.slice(s, e)}`,
          },
          text.slice(s, e),
          item.end! <= p.end ? h('sup', { 'aria-hidden': 'true' }, String(n)) : null,
        ),
      );
      at = e;
    }
    if (at < p.end) el.append(text.slice(at, p.end));
    out.push(el);
  }
  return out;
}

function field(id: string, label: string, control: HTMLElement, extra?: HTMLElement | null): HTMLElement {
  return h('div', { class: 'field' }, h('label', { for: id }, label), control, extra ?? null);
}

function options(select: HTMLSelectElement, list: [string, string][], value: string): HTMLSelectElement {
  for (const [v, label] of list) select.append(h('option', { value: v }, label));
  select.value = value;
  return select;
}

/** One quotation's card: what was found, every correction, and the decision. Ids are `q-<n>-…`. */
export function card(review: Review, item: Item): HTMLLIElement {
  const n = item.index + 1;
  const id = (part: string) => `q-${n}-${part}`;
  const s = item.statement;
  const confidence = s.extraction?.confidence;
  const stance = s.stances?.[0];
  const claimChoices: [string, string][] = [
    ['', 'no stance'],
    ...Object.entries(review.claims).map(([key, text]): [string, string] => [key, text.length > 90 ? `${text.slice(0, 88)}…` : text]),
  ];
  const locked = item.decision === 'ingested';
  const input = (part: string, value: string, attrs: Record<string, string> = {}) => {
    const el = h('input', { id: id(part), type: 'text', autocomplete: 'off', spellcheck: 'false', ...attrs });
    el.value = value;
    if (locked) el.disabled = true;
    return el;
  };
  const select = (part: string) => {
    const el = h('select', { id: id(part) });
    if (locked) el.disabled = true;
    return el;
  };
  const linked = h('span', { class: 'linked', id: id('linked') }, item.speakerKnown ? 'linked to a known actor' : 'new actor');
  const matches = h('select', { id: id('matches'), hidden: '', 'aria-label': `Known actors matching the speaker of quotation ${n}` });
  const li = h(
    'li',
    { class: 'card', id: `q-${n}`, 'data-q': String(n), 'data-key': s.key, 'data-state': item.decision, tabindex: '-1', 'aria-labelledby': id('title') },
    h(
      'header',
      {},
      h('span', { class: 'num', id: id('title') }, `Quotation ${n}`),
      h('span', { class: `badge ${item.decision}`, id: id('badge') }, decisionLabel(item.decision)),
      h('span', { class: 'speaker-line', id: id('who') }, `${item.speakerName} · ${FORM_LABELS[s.form ?? 'DIRECT_QUOTE']}`),
      confidence === undefined
        ? null
        : h(
            'span',
            { class: 'confidence' },
            `confidence ${Math.round(confidence * 100)}%`,
            h('meter', { min: '0', max: '1', value: String(confidence), 'aria-hidden': 'true' }),
            s.extraction?.review ? h('span', { class: 'badge pending' }, 'unsure') : null,
          ),
    ),
    h('blockquote', { id: id('text') }, s.text),
    h(
      'div',
      { class: 'row' },
      field(id('name'), 'Speaker', input('name', item.speakerName)),
      field(
        id('key'),
        'Speaker key',
        input('key', s.speaker, { 'aria-describedby': id('linked') }),
        h(
          'div',
          { class: 'under' },
          linked,
          h('button', { type: 'button', class: 'link', id: id('find'), ...(locked ? { disabled: '' } : {}) }, 'find a known actor'),
        ),
      ),
      field(
        id('form'),
        'Form',
        options(
          select('form'),
          FORMS.map((f) => [f, FORM_LABELS[f]]),
          s.form ?? 'DIRECT_QUOTE',
        ),
      ),
    ),
    matches,
    h(
      'fieldset',
      { class: 'stance' },
      h('legend', {}, 'Stance on a claim'),
      h('label', { for: id('stance'), class: 'visually-hidden' }, `Stance of quotation ${n}`),
      options(
        select('stance'),
        [
          ['', 'no stance'],
          ['AFFIRMS', 'affirms'],
          ['DENIES', 'denies'],
        ],
        stance?.stance ?? '',
      ),
      h('label', { for: id('claim'), class: 'visually-hidden' }, `Claim of quotation ${n}`),
      options(select('claim'), claimChoices, stance?.claim ?? ''),
    ),
    h(
      'div',
      { class: 'foot' },
      item.start === null
        ? h('p', { class: 'help' }, 'No bounds in the text for this quotation.')
        : h(
            'fieldset',
            { class: 'bounds' },
            h('legend', {}, 'Bounds in the text'),
            h('label', { for: id('start'), class: 'visually-hidden' }, `Quotation ${n} starts at`),
            input('start', String(item.start), { type: 'number', min: '0', inputmode: 'numeric', title: 'first character' }),
            h('span', { 'aria-hidden': 'true' }, '–'),
            h('label', { for: id('end'), class: 'visually-hidden' }, `Quotation ${n} ends at`),
            input('end', String(item.end), { type: 'number', min: '1', inputmode: 'numeric', title: 'just after the last character' }),
            h('button', { type: 'button', class: 'secondary', id: id('bounds'), ...(locked ? { disabled: '' } : {}) }, 'Apply'),
            h(
              'button',
              {
                type: 'button',
                class: 'secondary',
                id: id('less'),
                'aria-label': `Quotation ${n}: one word less at the end`,
                ...(locked ? { disabled: '' } : {}),
              },
              '− word',
            ),
            h(
              'button',
              {
                type: 'button',
                class: 'secondary',
                id: id('more'),
                'aria-label': `Quotation ${n}: one word more at the end`,
                ...(locked ? { disabled: '' } : {}),
              },
              '+ word',
            ),
          ),
      h(
        'div',
        { class: 'decide' },
        h(
          'button',
          { type: 'button', class: 'accept', id: id('accept'), 'aria-pressed': String(item.decision === 'accepted'), ...(locked ? { disabled: '' } : {}) },
          'Accept',
        ),
        h(
          'button',
          { type: 'button', class: 'drop', id: id('drop'), 'aria-pressed': String(item.decision === 'dropped'), ...(locked ? { disabled: '' } : {}) },
          'Drop',
        ),
        item.start === null ? null : h('a', { href: `#m-${n}`, class: 'show' }, 'show in text'),
      ),
    ),
    h('p', { class: 'error', id: id('error'), role: 'alert', hidden: '' }),
  );
  return li;
}

/** Updates the parts of a card that show its state, leaving the inputs (and the focus) alone. */
export function refreshCard(li: HTMLElement, item: Item): void {
  const n = item.index + 1;
  li.dataset.state = item.decision;
  const badge = li.querySelector<HTMLElement>(`#q-${n}-badge`)!;
  badge.textContent = decisionLabel(item.decision);
  badge.className = `badge ${item.decision}`;
  li.querySelector<HTMLElement>(`#q-${n}-text`)!.textContent = item.statement.text;
  li.querySelector<HTMLElement>(`#q-${n}-who`)!.textContent = `${item.speakerName} · ${FORM_LABELS[item.statement.form ?? 'DIRECT_QUOTE']}`;
  li.querySelector<HTMLElement>(`#q-${n}-linked`)!.textContent = item.speakerKnown ? 'linked to a known actor' : 'new actor';
  li.querySelector(`#q-${n}-accept`)?.setAttribute('aria-pressed', String(item.decision === 'accepted'));
  li.querySelector(`#q-${n}-drop`)?.setAttribute('aria-pressed', String(item.decision === 'dropped'));
  const start = li.querySelector<HTMLInputElement>(`#q-${n}-start`);
  const end = li.querySelector<HTMLInputElement>(`#q-${n}-end`);
  if (start && item.start !== null) start.value = String(item.start);
  if (end && item.end !== null) end.value = String(item.end);
  if (item.decision === 'ingested')
    for (const el of li.querySelectorAll<HTMLInputElement | HTMLButtonElement | HTMLSelectElement>('input, select, button')) el.disabled = true;
}
