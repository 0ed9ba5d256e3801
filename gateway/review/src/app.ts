import { ApiError, ArticleInput, check, extract, ingest, listQueue, lookUp, openQueued, removeQueued, searchActors, WriteError, WriteOutcome } from './api.js';
import { byId, h } from './dom.js';
import {
  acceptedPackage,
  counts,
  createReview,
  decide,
  describePath,
  Form,
  Item,
  nudge,
  Problem,
  Review,
  ReviewDocument,
  setBounds,
  setForm,
  setSpeaker,
  setStance,
  StanceKind,
} from './model.js';
import { articleView, card, refreshCard } from './render.js';

const TOKEN_KEY = 'newsgraph.writeToken';

const tokenInput = byId<HTMLInputElement>('token');
const articleForm = byId<HTMLFormElement>('article-form');
const extractButton = byId<HTMLButtonElement>('extract');
const extractError = byId<HTMLDivElement>('extract-error');
const queueList = byId<HTMLUListElement>('queue');
const queueEmpty = byId<HTMLParagraphElement>('queue-empty');
const view = byId<HTMLDivElement>('article-view');
const problemsBox = byId<HTMLDivElement>('problems');
const mentionsLine = byId<HTMLParagraphElement>('mentions');
const docMeta = byId<HTMLSpanElement>('doc-meta');
const list = byId<HTMLOListElement>('quotations');
const countsLabel = byId<HTMLSpanElement>('counts');
const ingestButton = byId<HTMLButtonElement>('ingest');
const acceptAllButton = byId<HTMLButtonElement>('accept-all');
const ingestNote = byId<HTMLParagraphElement>('ingest-note');
const dequeueButton = byId<HTMLButtonElement>('dequeue');
const result = byId<HTMLDivElement>('result');

let review: Review | null = null;

// The token lives in this tab's sessionStorage only: gone when the tab closes, never in the address.
tokenInput.value = sessionStorage.getItem(TOKEN_KEY) ?? '';
tokenInput.addEventListener('input', () => {
  if (tokenInput.value) sessionStorage.setItem(TOKEN_KEY, tokenInput.value);
  else sessionStorage.removeItem(TOKEN_KEY);
});
byId<HTMLFormElement>('token-form').addEventListener('submit', (e) => e.preventDefault());
byId<HTMLButtonElement>('token-forget').addEventListener('click', () => {
  tokenInput.value = '';
  sessionStorage.removeItem(TOKEN_KEY);
  tokenInput.focus();
});

function value(id: string): string | undefined {
  const v = byId<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(id).value.trim();
  return v || undefined;
}

/** Pasted HTML goes in as `html` (its main text is read server-side); anything else is the text. */
function articleInput(): ArticleInput {
  const raw = byId<HTMLTextAreaElement>('article-text').value;
  const looksHtml = /^\s*</.test(raw) && /<\/?(p|div|article|html|body|h1|br)\b/i.test(raw);
  return {
    ...(looksHtml ? { html: raw } : { text: raw }),
    title: value('article-headline'),
    outlet: value('article-outlet'),
    publishedAt: value('article-date'),
    url: value('article-url'),
    language: value('article-language'),
  };
}

function showProblems(box: HTMLElement, title: string, problems: Problem[], describe: (p: string) => string = (p) => p || 'the article'): void {
  box.replaceChildren(h('p', {}, title), h('ul', {}, ...problems.map((p) => h('li', {}, h('code', {}, describe(p.path)), `: ${p.message}`))));
  box.hidden = problems.length === 0;
}

function updateCounts(): void {
  if (!review) return;
  const c = counts(review);
  countsLabel.textContent = `${review.items.length} found · ${c.accepted} accepted · ${c.dropped} dropped · ${c.pending} to review${c.ingested ? ` · ${c.ingested} ingested` : ''}`;
  ingestButton.disabled = c.accepted === 0;
  ingestButton.textContent = c.accepted ? `Ingest ${c.accepted} accepted` : 'Ingest accepted';
  acceptAllButton.disabled = c.pending === 0;
  ingestNote.textContent = c.accepted ? 'Dropped and undecided quotations are not ingested.' : 'Accept the quotations to ingest.';
}

function renderText(): void {
  if (!review) return;
  view.replaceChildren(...articleView(review));
}

function cardOf(item: Item): HTMLElement {
  return byId(`q-${item.index + 1}`);
}

function cardError(item: Item, message: string | null): void {
  const el = byId<HTMLParagraphElement>(`q-${item.index + 1}-error`);
  el.hidden = !message;
  el.textContent = message ?? '';
}

function changed(item: Item, textToo = false): void {
  refreshCard(cardOf(item), item);
  if (textToo) renderText();
  else {
    const mark = view.querySelectorAll<HTMLElement>(`a.q[data-q="${item.index + 1}"]`);
    mark.forEach((m) => (m.dataset.state = item.decision === 'ingested' ? 'accepted' : item.decision));
  }
  updateCounts();
}

function wire(item: Item): void {
  if (!review) return;
  const r = review;
  const n = item.index + 1;
  const el = <T extends HTMLElement>(part: string) => document.getElementById(`q-${n}-${part}`) as T | null;
  el<HTMLButtonElement>('accept')?.addEventListener('click', () => {
    decide(item, item.decision === 'accepted' ? 'pending' : 'accepted');
    changed(item);
  });
  el<HTMLButtonElement>('drop')?.addEventListener('click', () => {
    decide(item, item.decision === 'dropped' ? 'pending' : 'dropped');
    changed(item);
  });
  const name = el<HTMLInputElement>('name')!;
  const key = el<HTMLInputElement>('key')!;
  const onSpeaker = () => {
    if (!/^[a-z0-9][a-z0-9:._-]{0,199}$/.test(key.value.trim()))
      return cardError(item, 'a speaker key is lower-case letters, digits and : . _ - (e.g. person:ana-lopez)');
    if (!name.value.trim()) return cardError(item, 'the speaker needs a name');
    const knownName = r.known[key.value.trim()];
    const definedHere = (r.doc.package.actors ?? []).some((a) => a.key === key.value.trim());
    if (knownName !== undefined && !definedHere && name.value.trim() !== knownName) {
      // a review never renames someone the graph knows: that is an edit of the actor, not of a quotation
      name.value = knownName;
      cardError(item, `${key.value.trim()} is ${knownName} in the graph, and keeps that name; to name someone else, give a new key (e.g. person:ana-lopez)`);
    } else cardError(item, null);
    setSpeaker(r, item, key.value, name.value);
    changed(item, true);
  };
  name.addEventListener('change', onSpeaker);
  key.addEventListener('change', onSpeaker);
  const matches = el<HTMLSelectElement>('matches')!;
  el<HTMLButtonElement>('find')?.addEventListener('click', async () => {
    try {
      const found = await searchActors(name.value.trim());
      found.forEach((a) => (r.known[a.key] = a.name));
      matches.replaceChildren(
        h(
          'option',
          { value: '' },
          found.length ? `${found.length} known actor${found.length > 1 ? 's' : ''}: choose one` : `no known actor matches “${name.value.trim()}”`,
        ),
        ...found.map((a) => h('option', { value: a.key }, `${a.name} (${a.key})`)),
      );
      matches.hidden = false;
      matches.focus();
    } catch (e) {
      cardError(item, `search failed: ${(e as Error).message}`);
    }
  });
  matches.addEventListener('change', () => {
    if (!matches.value) return;
    key.value = matches.value;
    name.value = r.known[matches.value] ?? name.value;
    onSpeaker();
  });
  el<HTMLSelectElement>('form')?.addEventListener('change', (e) => {
    setForm(item, (e.target as HTMLSelectElement).value as Form);
    changed(item);
  });
  const claim = el<HTMLSelectElement>('claim')!;
  const stance = el<HTMLSelectElement>('stance')!;
  const onStance = () => {
    if (claim.value && !stance.value) return cardError(item, 'choose whether the quotation affirms or denies the claim');
    if (!claim.value && stance.value) return cardError(item, 'choose the claim the stance is about');
    cardError(item, null);
    setStance(item, claim.value, stance.value as StanceKind | '');
    changed(item);
  };
  claim.addEventListener('change', onStance);
  stance.addEventListener('change', onStance);
  const applyBounds = () => {
    const problem = setBounds(r, item, Number(el<HTMLInputElement>('start')!.value), Number(el<HTMLInputElement>('end')!.value));
    cardError(item, problem);
    if (!problem) changed(item, true);
  };
  el<HTMLButtonElement>('bounds')?.addEventListener('click', applyBounds);
  for (const id of ['start', 'end']) {
    el<HTMLInputElement>(id)?.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        applyBounds();
      }
    });
  }
  for (const [part, words] of [
    ['less', -1],
    ['more', 1],
  ] as const) {
    el<HTMLButtonElement>(part)?.addEventListener('click', () => {
      const problem = nudge(r, item, 'end', words);
      cardError(item, problem);
      if (!problem) changed(item, true);
    });
  }
}

/** A card's "show in text" link moves the focus to its highlight, not only the scroll. */
list.addEventListener('click', (e) => {
  const link = (e.target as HTMLElement).closest<HTMLAnchorElement>('a.show');
  if (!link) return;
  e.preventDefault();
  const mark = document.getElementById(link.hash.slice(1));
  if (!mark) return;
  document.querySelectorAll('.active').forEach((x) => x.classList.remove('active'));
  mark.classList.add('active');
  mark.scrollIntoView({ block: 'center' });
  mark.focus({ preventScroll: true });
});

/** Clicking (or Enter on) a highlight moves to its card; the card's link goes back to the text. */
view.addEventListener('click', (e) => {
  const mark = (e.target as HTMLElement).closest<HTMLAnchorElement>('a.q');
  if (!mark) return;
  e.preventDefault();
  const target = byId(`q-${mark.dataset.q}`);
  document.querySelectorAll('.active').forEach((x) => x.classList.remove('active'));
  target.classList.add('active');
  mark.classList.add('active');
  target.scrollIntoView({ block: 'nearest' });
  target.focus({ preventScroll: true });
});

async function show(doc: ReviewDocument, queueId: string | null): Promise<void> {
  const statements = doc.package.statements ?? [];
  const defined = new Set((doc.package.actors ?? []).map((a) => a.key));
  const speakerKeys = [...new Set(statements.map((s) => s.speaker).filter((k) => !defined.has(k)))];
  const claimKeys = [...new Set(statements.flatMap((s) => (s.stances ?? []).map((x) => x.claim)))];
  const known = await lookUp(speakerKeys, claimKeys).catch(() => ({ actors: {}, claims: {} }));
  review = createReview(doc, queueId, known.actors, known.claims);
  const a = doc.article;
  docMeta.textContent = [a.outlet, a.publishedAt, a.url].filter(Boolean).join(' · ');
  if (doc.problems.length) showProblems(problemsBox, 'The extractor notes:', doc.problems);
  else problemsBox.hidden = true;
  const mentions = [...new Map((doc.mentions ?? []).map((m) => [m.key, m])).values()];
  mentionsLine.textContent = mentions.length ? `Known actors mentioned: ${mentions.map((m) => `${m.name} (${m.key})`).join(', ')}` : '';
  mentionsLine.hidden = mentions.length === 0;
  renderText();
  list.replaceChildren(...review.items.map((item) => card(review!, item)));
  review.items.forEach(wire);
  result.replaceChildren();
  if (!review.items.length) list.append(h('li', { class: 'empty' }, 'No attributed quotation was found in this text.'));
  updateCounts();
  document.body.dataset.review = queueId ? `queue:${queueId}` : 'pasted';
  dequeueButton.hidden = !queueId;
  byId('quotations-title').focus();
}

articleForm.addEventListener('submit', async (e) => {
  e.preventDefault();
  extractError.hidden = true;
  extractButton.disabled = true;
  extractButton.textContent = 'Finding quotations…';
  try {
    await show(await extract(articleInput()), null);
  } catch (error) {
    const err = error as ApiError;
    extractError.replaceChildren(
      h('strong', {}, err.message),
      ...(err.problems?.length ? [h('ul', {}, ...err.problems.map((p) => h('li', {}, h('code', {}, p.path || 'article'), `: ${p.message}`)))] : []),
    );
    extractError.hidden = false;
  } finally {
    extractButton.disabled = false;
    extractButton.textContent = 'Find quotations';
  }
});

acceptAllButton.addEventListener('click', () => {
  if (!review) return;
  for (const item of review.items) if (item.decision === 'pending') decide(item, 'accepted');
  review.items.forEach((item) => refreshCard(cardOf(item), item));
  renderText();
  updateCounts();
});

function outcomeLine(o: WriteOutcome): HTMLElement {
  return h('li', {}, `${o.step}: created ${o.created}, updated ${o.updated}, unchanged ${o.unchanged}`);
}

ingestButton.addEventListener('click', async () => {
  if (!review) return;
  const r = review;
  const token = tokenInput.value.trim();
  if (!token) {
    result.replaceChildren(h('p', { class: 'bad' }, 'Enter a write token (top right) to ingest.'));
    tokenInput.focus();
    return;
  }
  const { pkg, indices } = acceptedPackage(r);
  ingestButton.disabled = true;
  result.replaceChildren(h('p', {}, 'Checking…'));
  try {
    const checked = await check(pkg);
    if (!checked.ok || !checked.normalised) {
      result.replaceChildren(
        h('p', { class: 'bad' }, `Not ingested: ${checked.problems.length} problem${checked.problems.length > 1 ? 's' : ''}, nothing was written.`),
        h('ul', {}, ...checked.problems.map((p) => h('li', {}, h('code', {}, describePath(p.path, indices)), `: ${p.message}`))),
      );
      return;
    }
    result.replaceChildren(h('p', {}, 'Writing…'));
    const outcomes = await ingest(checked.normalised, token);
    for (const index of indices) r.items[index].decision = 'ingested';
    r.items.forEach((item) => refreshCard(cardOf(item), item));
    renderText();
    const keys = (checked.normalised.statements ?? []).map((s) => s.key).filter(Boolean) as string[];
    const stillPending = r.items.some((i) => i.decision === 'pending' || i.decision === 'accepted');
    let queueNote: string | null = null;
    if (r.queueId && !stillPending) {
      await removeQueued(r.queueId, token).then(
        () => {
          queueNote = 'The article has left the review queue.';
          r.queueId = null;
          dequeueButton.hidden = true;
        },
        (e: Error) => (queueNote = `The article could not be removed from the review queue: ${e.message}`),
      );
      void refreshQueue();
    }
    result.replaceChildren(
      h('p', { class: 'ok' }, `Ingested ${indices.length} statement${indices.length > 1 ? 's' : ''}.`),
      h('ul', {}, ...outcomes.map(outcomeLine)),
      h('p', { class: 'help' }, `Statement keys: ${keys.join(', ')}`),
      ...(queueNote ? [h('p', { class: 'help' }, queueNote)] : []),
    );
  } catch (error) {
    if (error instanceof WriteError) {
      result.replaceChildren(
        h(
          'p',
          { class: 'bad' },
          `Writing ${error.step} failed; ${error.done.length ? 'the steps before it were written (writes are idempotent: ingest again once fixed)' : 'nothing was written'}.`,
        ),
        h(
          'ul',
          {},
          ...error.done.map(outcomeLine),
          ...error.errors.flatMap((e) => [
            h('li', {}, h('code', {}, e.extensions?.code ?? 'ERROR'), `: ${e.message}`),
            ...(e.extensions?.problems ?? []).map((p) => h('li', {}, h('code', {}, describePath(p.path, indices)), `: ${p.message}`)),
          ]),
        ),
      );
    } else {
      result.replaceChildren(h('p', { class: 'bad' }, `Not ingested: ${(error as Error).message}`));
    }
  } finally {
    updateCounts();
  }
});

/** A queued article a person is done with (everything dropped, say) leaves the queue without an ingest. */
dequeueButton.addEventListener('click', async () => {
  if (!review?.queueId) return;
  const token = tokenInput.value.trim();
  if (!token) {
    result.replaceChildren(h('p', { class: 'bad' }, 'Enter a write token (top right) to change the review queue.'));
    tokenInput.focus();
    return;
  }
  try {
    await removeQueued(review.queueId, token);
    review.queueId = null;
    dequeueButton.hidden = true;
    document.body.dataset.review = 'pasted';
    result.replaceChildren(h('p', { class: 'ok' }, 'The article has left the review queue.'));
  } catch (e) {
    result.replaceChildren(h('p', { class: 'bad' }, `The article could not be removed from the queue: ${(e as Error).message}`));
  }
  void refreshQueue();
});

async function refreshQueue(): Promise<void> {
  try {
    const entries = await listQueue();
    queueList.replaceChildren(
      ...entries.map((e) =>
        h(
          'li',
          { 'data-id': e.id },
          h('span', { class: 'title' }, e.title ?? e.url ?? e.id),
          h(
            'span',
            { class: 'info' },
            [e.outlet, e.publishedAt?.slice(0, 10), `${e.waiting} to review`, e.ingested ? `${e.ingested} ingested` : null].filter(Boolean).join(' · '),
          ),
          h('button', { type: 'button', class: 'secondary', 'data-open': e.id, 'aria-label': `Open ${e.title ?? e.id}` }, 'Open'),
        ),
      ),
    );
    queueEmpty.hidden = entries.length > 0;
  } catch (e) {
    queueEmpty.hidden = false;
    queueEmpty.textContent = `The review queue cannot be read: ${(e as Error).message}`;
  }
}

queueList.addEventListener('click', async (e) => {
  const id = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-open]')?.dataset.open;
  if (!id) return;
  try {
    await show(await openQueued(id), id);
  } catch (error) {
    extractError.textContent = `Cannot open it: ${(error as Error).message}`;
    extractError.hidden = false;
    void refreshQueue();
  }
});
byId<HTMLButtonElement>('queue-refresh').addEventListener('click', () => void refreshQueue());

void refreshQueue().then(() => {
  updateCounts();
  document.body.dataset.ready = 'true';
});
