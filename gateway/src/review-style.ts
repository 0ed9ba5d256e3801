/** The review page's stylesheet: /live's palette, a phone layout under 56rem, visible focus everywhere. */
export const REVIEW_CSS = `
:root {
  color-scheme: light dark;
  --bg: #f6f7f9; --panel: #ffffff; --text: #1d2433; --muted: #5a6478; --line: #d9dee7;
  --accent: #2456c8; --accent-text: #ffffff; --ok: #1f7a45; --bad: #b42318; --warn: #9a5b00;
  --pending-bg: #fff3c4; --pending-line: #d9a400; --accepted-bg: #d9f2e3; --accepted-line: #1f7a45;
  --dropped-bg: #eceef2; --dropped-text: #6b7280; --active: #2456c8;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  line-height: 1.5;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #12151c; --panel: #1b2029; --text: #e6e9ef; --muted: #a3acbd; --line: #323a48;
    --accent: #7aa2ff; --accent-text: #0c1020; --ok: #4cc586; --bad: #ff7b72; --warn: #f0a04b;
    --pending-bg: #3a3113; --pending-line: #d9a400; --accepted-bg: #173524; --accepted-line: #4cc586;
    --dropped-bg: #262b35; --dropped-text: #8b93a3; --active: #7aa2ff;
  }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--text); }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: var(--panel); padding: .5rem; z-index: 1; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.top { display: flex; align-items: center; justify-content: space-between; gap: .75rem 1.5rem; flex-wrap: wrap;
  padding: .75rem 1.5rem; background: var(--panel); border-bottom: 1px solid var(--line); }
h1 { font-size: 1.25rem; margin: 0; font-weight: 600; }
.brand { color: var(--accent); }
h2 { font-size: 1.05rem; margin: 0 0 .75rem; }
.meta { color: var(--muted); font-weight: 400; font-size: .9rem; }
.token { display: flex; flex-wrap: wrap; align-items: center; gap: .25rem .5rem; }
.token label { margin: 0; }
.token input { width: 14rem; }
.token .help { flex-basis: 100%; margin: 0; text-align: right; }
main { display: grid; grid-template-columns: minmax(18rem, 24rem) minmax(0, 1fr); gap: 1.25rem; padding: 1.25rem; max-width: 110rem; margin: 0 auto; }
@media (max-width: 56rem) { main { grid-template-columns: minmax(0, 1fr); padding: .75rem; } .top { padding: .75rem; } .token .help { text-align: left; } .token input { flex: 1; width: auto; min-width: 0; } }
.side, .work { display: grid; gap: 1.25rem; align-content: start; min-width: 0; }
.panel { background: var(--panel); border: 1px solid var(--line); border-radius: .5rem; padding: 1rem 1.25rem; min-width: 0; }
.field { margin-bottom: .75rem; min-width: 0; }
.grid2 { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 0 .75rem; }
label { display: block; font-weight: 600; margin-bottom: .2rem; font-size: .92rem; }
input, select, textarea, button { font: inherit; color: inherit; }
input, select, textarea { width: 100%; max-width: 100%; min-width: 0; padding: .4rem .55rem; border: 1px solid var(--line); border-radius: .35rem; background: var(--bg); }
textarea { resize: vertical; font-size: .9rem; }
button { padding: .4rem .85rem; border-radius: .35rem; border: 1px solid var(--accent); background: var(--accent); color: var(--accent-text); cursor: pointer; font-weight: 600; }
button.secondary { background: transparent; color: var(--accent); }
button:disabled { opacity: .45; cursor: default; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.actions, .ingest-bar { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem; }
.help { color: var(--muted); font-size: .85rem; margin: .25rem 0 0; }
.empty { color: var(--muted); font-style: italic; }
.error { color: var(--bad); border: 1px solid var(--bad); border-radius: .35rem; padding: .5rem .75rem; margin-top: .75rem; white-space: pre-wrap; }
.problems { color: var(--warn); border: 1px solid var(--warn); border-radius: .35rem; padding: .4rem .75rem; margin-bottom: .75rem; font-size: .9rem; }
.problems ul { margin: 0; padding-left: 1.1rem; }
.queue { list-style: none; margin: 0 0 .75rem; padding: 0; display: grid; gap: .5rem; }
.queue li { border: 1px solid var(--line); border-radius: .35rem; padding: .5rem .6rem; }
.queue .title { font-weight: 600; display: block; }
.queue .info { color: var(--muted); font-size: .85rem; display: block; margin-bottom: .3rem; }
.article-view { overflow-wrap: anywhere; font-family: Georgia, "Noto Serif", "Times New Roman", serif; font-size: 1.05rem; line-height: 1.65; max-height: 34rem; overflow: auto; padding-right: .5rem; }
.article-view p { margin: 0 0 .8rem; }
.article-view .headline { font-family: system-ui, sans-serif; font-weight: 700; font-size: 1.15rem; }
a.q { color: inherit; text-decoration: none; border-bottom: 2px solid var(--pending-line); background: var(--pending-bg); border-radius: .15rem; padding: 0 .1rem; }
a.q[data-state="accepted"] { background: var(--accepted-bg); border-bottom-color: var(--accepted-line); }
a.q[data-state="dropped"] { background: var(--dropped-bg); border-bottom: 2px dashed var(--dropped-text); color: var(--dropped-text); }
a.q.active { outline: 2px solid var(--active); outline-offset: 1px; }
a.q sup { font-family: system-ui, sans-serif; font-size: .7rem; font-weight: 700; color: var(--muted); margin-left: .1rem; }
.quotations { list-style: none; margin: 0 0 1rem; padding: 0; display: grid; gap: .75rem; }
.card { border: 1px solid var(--line); border-left: 5px solid var(--pending-line); border-radius: .45rem; padding: .75rem 1rem; }
.card[data-state="accepted"] { border-left-color: var(--accepted-line); }
.card[data-state="dropped"] { border-left-color: var(--dropped-text); opacity: .75; }
.card[data-state="ingested"] { border-left-color: var(--accepted-line); opacity: .8; }
.card.active { box-shadow: 0 0 0 2px var(--active); }
.card header { display: flex; flex-wrap: wrap; align-items: center; gap: .35rem .75rem; margin-bottom: .4rem; }
.card .num { font-weight: 700; }
.badge { display: inline-block; font-size: .75rem; font-weight: 700; text-transform: uppercase; letter-spacing: .03em; padding: .05rem .45rem; border-radius: .25rem; border: 1px solid currentColor; }
.badge.accepted, .badge.ingested { color: var(--ok); }
.badge.dropped { color: var(--dropped-text); }
.badge.pending { color: var(--warn); }
.confidence { display: inline-flex; align-items: center; gap: .35rem; font-size: .85rem; color: var(--muted); margin-left: auto; }
.confidence meter { width: 5rem; }
.card blockquote { overflow-wrap: anywhere; margin: .25rem 0 .6rem; padding-left: .75rem; border-left: 3px solid var(--line); font-family: Georgia, "Noto Serif", serif; }
.card .row { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(9rem, 100%), 1fr)); gap: 0 .75rem; }
.card .row .field { margin-bottom: .35rem; }
.card .under { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0 .5rem; }
button.link { background: none; border: none; padding: 0; color: var(--accent); font-weight: 500; font-size: .8rem; text-decoration: underline; }
.card fieldset { border: none; margin: 0; padding: 0; min-width: 0; }
.card legend { font-weight: 600; font-size: .92rem; padding: 0; margin-bottom: .2rem; }
.card .stance { display: grid; grid-template-columns: minmax(6.5rem, 9rem) minmax(0, 1fr); gap: .5rem; margin-bottom: .5rem; }
.card .stance legend { grid-column: 1 / -1; }
.card .foot { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: end; gap: .5rem 1rem; }
.card .bounds { display: flex; flex-wrap: wrap; gap: .35rem; align-items: center; }
.card .bounds legend { width: 100%; }
.card .bounds input { width: 5.5rem; }
.card .bounds button { padding: .3rem .55rem; font-size: .88rem; }
.card .linked { color: var(--ok); font-size: .8rem; }
.card .decide { display: flex; align-items: center; gap: .5rem; }
.card .show { font-size: .88rem; }
.card select[hidden] { display: none; }
.card > select { margin-bottom: .5rem; }
.card .decide button[aria-pressed="true"].accept { background: var(--ok); border-color: var(--ok); color: #fff; }
.card .decide button[aria-pressed="true"].drop { background: var(--dropped-text); border-color: var(--dropped-text); color: #fff; }
.card .decide button.accept, .card .decide button.drop { background: transparent; color: var(--accent); }
.result { margin-top: .75rem; }
.result:empty { display: none; }
.result .ok { color: var(--ok); font-weight: 600; }
.result .bad { color: var(--bad); font-weight: 600; }
.result ul { margin: .25rem 0 0; padding-left: 1.1rem; }
.result code, .problems code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .85rem; }
/* wide screens: form | text | quotations, the text staying in view while the cards scroll */
@media (min-width: 80rem) {
  main { grid-template-columns: minmax(17rem, 21rem) minmax(0, 1fr) minmax(0, 1.15fr); align-items: start; }
  .work { display: contents; }
  .work > .panel:first-child { position: sticky; top: 1rem; }
  .article-view { max-height: calc(100vh - 8rem); }
}
@media (prefers-reduced-motion: reduce) { * { animation: none !important; transition: none !important; } }
`;
