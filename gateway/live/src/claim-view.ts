import { attributions, claimView, ClaimView } from './api.js';
import { drawPositions } from './charts.js';
import { byId, h } from './dom.js';
import { attributionPath, formatSaidAt, statementItem } from './render.js';

/** Statements listed under a claim (the chart shows every position of the page). */
const LISTED = 30;

const panel = byId<HTMLElement>('claim-view');
const title = byId<HTMLHeadingElement>('claim-title');
const text = byId<HTMLQuoteElement>('claim-text');
const chart = byId<HTMLDivElement>('claim-chart');
const changes = byId<HTMLOListElement>('claim-changes');
const statements = byId<HTMLOListElement>('claim-statements');
const errorBox = byId<HTMLDivElement>('claim-error');

let shown: string | null = null;
let generation = 0;

export function shownClaim(): string | null {
  return shown;
}

export function closeClaim(): void {
  generation += 1;
  shown = null;
  panel.hidden = true;
  delete panel.dataset.claim;
  delete panel.dataset.ready;
}

function stanceWord(stance: 'AFFIRMS' | 'DENIES'): string {
  return stance === 'AFFIRMS' ? 'affirms' : 'denies';
}

function renderChanges(view: ClaimView): HTMLLIElement[] {
  return view.changes.map((c) =>
    h(
      'li',
      { 'data-actor': c.actor.key },
      h('span', { class: 'turn' }, `${c.actor.name}: ${stanceWord(c.from)} → ${stanceWord(c.to)}`),
      h('br'),
      `${formatSaidAt(c.before.statement.saidAt)}, ${c.before.statement.speaker?.name ?? 'unknown'}: `,
      h('q', {}, c.before.statement.text),
      h('br'),
      `${formatSaidAt(c.after.statement.saidAt)}, ${c.after.statement.speaker?.name ?? 'unknown'}: `,
      h('q', {}, c.after.statement.text),
    ),
  );
}

/**
 * Shows one claim: its text, where each top-level actor stood over time (a mark per statement),
 * the turns of position, and the statements with their sources and the path that makes each
 * one its actor's ("why is this by Spain"). `focus` moves the keyboard to the panel.
 */
export async function openClaim(key: string, openOther: (key: string) => void, focus = true): Promise<void> {
  const mine = ++generation;
  shown = key;
  panel.hidden = false;
  panel.dataset.claim = key;
  delete panel.dataset.ready;
  errorBox.hidden = true;
  if (focus) {
    title.tabIndex = -1;
    title.focus();
    panel.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }
  let view: ClaimView;
  try {
    view = await claimView(key);
  } catch (e) {
    if (mine !== generation) return;
    errorBox.hidden = false;
    errorBox.textContent = `Could not load the claim: ${(e as Error).message}`;
    return;
  }
  if (mine !== generation) return;
  title.textContent = `Claim · affirmed ${view.claim.affirmCount}×, denied ${view.claim.denyCount}×`;
  text.textContent = view.claim.text;

  drawPositions(
    chart,
    view.positions.flatMap((p) =>
      (p.topLevelActors.length ? p.topLevelActors : [{ key: p.statement.speaker?.key ?? '', name: p.statement.speaker?.name ?? 'unknown' }]).map((a) => ({
        actor: a.name,
        stance: p.stance,
        saidAt: p.statement.saidAt,
        speaker: p.statement.speaker?.name ?? 'unknown',
        text: p.statement.text,
        key: p.statement.key,
      })),
    ),
  );
  changes.replaceChildren(...renderChanges(view));

  // newest first, each with the path to every top-level actor it counts for
  const listed = [...view.positions].reverse().slice(0, LISTED);
  const wanted = listed.flatMap((p) =>
    p.topLevelActors.filter((a) => a.key !== p.statement.speaker?.key).map((a) => ({ statement: p.statement.key, to: a.key, name: a.name })),
  );
  let paths: Awaited<ReturnType<typeof attributions>>[number][] = [];
  try {
    paths = await attributions(wanted);
  } catch (e) {
    if (mine !== generation) return;
    errorBox.hidden = false;
    errorBox.textContent = `Could not load why the statements count for their actors: ${(e as Error).message}`;
  }
  if (mine !== generation) return;
  statements.replaceChildren(
    ...listed.map((p) => {
      const item = statementItem(p.statement, { fresh: false, actorName: null, openClaim: openOther });
      const article = item.querySelector('article')!;
      const sources = article.querySelector('.sources');
      wanted.forEach((w, i) => {
        if (w.statement !== p.statement.key) return;
        const why = attributionPath(paths[i], w.name);
        if (why) article.insertBefore(why, sources);
      });
      return item;
    }),
  );
  panel.dataset.ready = 'true';
}
