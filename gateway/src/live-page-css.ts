/**
 * The dashboard's stylesheet (served as /live/live.css: the CSP allows no inline style). One
 * column up to 60rem (phones: story, timeline, statements, then the other pictures), two above
 * (pictures left, the statement list right, scrolling on its own).
 */
export const LIVE_CSS = `
:root {
  color-scheme: light dark;
  --bg: #f3f5f8; --panel: #ffffff; --text: #1d2433; --muted: #5a6478; --line: #dde2ea;
  --accent: #2456c8; --accent-text: #ffffff; --live: #1f8a4c; --warn: #b35c00; --bad: #b42318;
  --affirm: #2f6fdf; --deny: #d9480f;
  --contra-bg: #fff4e5; --contra-line: #e07b00; --contra-text: #8a4200; --fresh: #e8f0ff;
  --why-bg: #eef6f0; --why-line: #2f9e5b; --why-text: #1c6b3c;
  --shadow: 0 1px 2px rgba(20, 30, 50, .06), 0 2px 8px rgba(20, 30, 50, .04);
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  line-height: 1.5;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #12151c; --panel: #1b2029; --text: #e6e9ef; --muted: #a3acbd; --line: #323a48;
    --accent: #7aa2ff; --accent-text: #0c1020; --live: #4cc586; --warn: #f0a04b; --bad: #ff7b72;
    --affirm: #6f9dff; --deny: #ff8a50;
    --contra-bg: #2d2212; --contra-line: #f0a04b; --contra-text: #f5b971; --fresh: #1d2a44;
    --why-bg: #15281d; --why-line: #4cc586; --why-text: #8fdcae;
    --shadow: none;
  }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--text); }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: var(--panel); padding: .5rem; z-index: 2; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }

.top { display: flex; align-items: center; justify-content: space-between; gap: 1rem; flex-wrap: wrap;
  padding: .6rem 1.5rem; background: var(--panel); border-bottom: 1px solid var(--line); }
.brand-line { margin: 0; font-size: 1.15rem; font-weight: 700; letter-spacing: -.01em; }
.brand { color: var(--accent); }
.brand-sub { color: var(--muted); font-weight: 600; }
.status { display: inline-flex; align-items: center; gap: .5rem; margin: 0; padding: .25rem .75rem; border-radius: 999px;
  border: 1px solid var(--line); font-weight: 600; font-size: .875rem; max-width: 36rem; }
.status .dot { width: .65rem; height: .65rem; border-radius: 50%; background: var(--muted); flex: none; }
.status[data-state="live"] { color: var(--live); border-color: var(--live); }
.status[data-state="live"] .dot { background: var(--live); animation: pulse 2s infinite; }
.status[data-state="connecting"], .status[data-state="reconnecting"] { color: var(--warn); border-color: var(--warn); }
.status[data-state="connecting"] .dot, .status[data-state="reconnecting"] .dot { background: var(--warn); }
.status[data-state="failed"] { color: var(--bad); border-color: var(--bad); }
.status[data-state="failed"] .dot { background: var(--bad); }
@keyframes pulse { 50% { opacity: .35; } }

.filter { display: flex; flex-wrap: wrap; align-items: flex-end; gap: .5rem 1.25rem; padding: .75rem 1.5rem;
  background: var(--panel); border-bottom: 1px solid var(--line); }
.field { min-width: 0; }
.field-actor { flex: 2 1 22rem; display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: .25rem .5rem; align-items: end; }
.field-actor label { grid-column: 1 / -1; }
.field-actor .row { margin: 0; }
.field-actor .note, .field-actor .help { grid-column: 1 / -1; }
.field-topic { flex: 1 1 12rem; }
label { display: block; font-weight: 600; font-size: .875rem; margin-bottom: .2rem; }
.row { display: flex; gap: .5rem; }
input, select, button { font: inherit; color: inherit; }
input, select { width: 100%; min-width: 0; padding: .4rem .6rem; border: 1px solid var(--line); border-radius: .35rem; background: var(--bg); }
button { padding: .4rem .9rem; border-radius: .35rem; border: 1px solid var(--accent); background: var(--accent); color: var(--accent-text); cursor: pointer; font-weight: 600; white-space: nowrap; }
button.secondary { background: transparent; color: var(--accent); }
button.small { padding: .15rem .6rem; font-size: .85rem; }
button:disabled { opacity: .45; cursor: default; }
.actions { display: flex; gap: .5rem; padding-bottom: .05rem; }
.note, .help { color: var(--muted); font-size: .8125rem; margin: .2rem 0 0; }
.note:empty, .help:empty { display: none; }

.board { display: grid; grid-template-columns: minmax(0, 1fr) minmax(24rem, 34rem); gap: 1.25rem; padding: 1.25rem 1.5rem 2rem;
  max-width: 100rem; margin: 0 auto; align-items: start; }
.col-main { display: grid; gap: 1.25rem; min-width: 0; }
.pair { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1.25rem; }
.panel { background: var(--panel); border: 1px solid var(--line); border-radius: .6rem; padding: 1rem 1.25rem; box-shadow: var(--shadow); min-width: 0; }
.panel-head { display: flex; align-items: baseline; justify-content: space-between; gap: 1rem; }
h1 { font-size: 1.5rem; margin: 0; line-height: 1.25; letter-spacing: -.01em; }
h2 { font-size: 1.05rem; margin: 0 0 .25rem; }
h3 { font-size: .9rem; margin: 1rem 0 .4rem; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
.story { padding: .25rem 0 0; }
.watching { color: var(--muted); margin: .25rem 0 .75rem; }
.figures { list-style: none; display: flex; flex-wrap: wrap; gap: .75rem; margin: 0; padding: 0; }
.figures li { background: var(--panel); border: 1px solid var(--line); border-radius: .6rem; padding: .5rem .9rem; min-width: 8.5rem; box-shadow: var(--shadow); }
.figures .n { display: block; font-size: 1.6rem; font-weight: 700; line-height: 1.2; font-variant-numeric: tabular-nums; }
.figures .what { color: var(--muted); font-size: .8125rem; }
.figures .contra .n { color: var(--contra-text); }
.headline { margin-top: .9rem; display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1rem; background: var(--contra-bg);
  border: 1px solid var(--contra-line); border-left-width: 5px; border-radius: .6rem; padding: .65rem 1rem; }
.headline .sides { font-weight: 700; color: var(--contra-text); }
.headline .a { color: var(--affirm); }
.headline .d { color: var(--deny); }
.headline q { font-size: 1.05rem; font-weight: 600; flex: 1 1 20rem; }
.chart { width: 100%; height: 16rem; overflow: hidden; }
.chart-timeline { height: 15rem; }
.chart-contested { height: 15rem; }
.chart-network { height: 15rem; }
.chart-positions { height: 12rem; }

.feed { position: sticky; top: 1rem; max-height: calc(100vh - 2rem); overflow: auto; overscroll-behavior: contain; }
.count { color: var(--muted); font-size: .8125rem; margin: 0; font-variant-numeric: tabular-nums; }
.empty { color: var(--muted); font-style: italic; }
.error { color: var(--bad); border: 1px solid var(--bad); border-radius: .35rem; padding: .5rem .75rem; margin: .5rem 0; }
.items { list-style: none; margin: .5rem 0 0; padding: 0; display: grid; grid-template-columns: minmax(0, 1fr); gap: .65rem; }
/* Off-screen entries are neither laid out nor painted (a list taking 1,000 statements a minute
   only pays for what is in view); new ones are marked, not animated, for the same reason. */
.statement { content-visibility: auto; contain-intrinsic-block-size: auto 13rem; min-width: 0; }
.statement article { border: 1px solid var(--line); border-radius: .45rem; padding: .65rem .9rem; }
.statement.fresh article { border-left: 4px solid var(--accent); background: var(--fresh); }
.statement header { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0 .25rem; }
.speaker { font-weight: 700; }
.behalf, .said-at, .sources .label, .key { color: var(--muted); }
.statement:not(.fresh) .badge-new { display: none; }
.badge-new { margin-left: auto; color: var(--accent); font-size: .75rem; font-weight: 700; text-transform: uppercase; letter-spacing: .04em; }
.text { margin: .35rem 0; padding-left: .75rem; border-left: 3px solid var(--line); font-size: 1rem; }
.stance { display: inline-block; font-size: .72rem; font-weight: 700; text-transform: uppercase; padding: 0 .35rem; border-radius: .25rem; color: #fff; margin-right: .35rem; }
.stance-affirms { background: var(--affirm); }
.stance-denies { background: var(--deny); }
.stances { margin: .25rem 0; font-size: .875rem; }
.claim-link { color: inherit; background: none; border: 0; padding: 0; font: inherit; font-weight: 400; text-decoration: underline; text-decoration-color: var(--line); text-underline-offset: .2em; cursor: pointer; text-align: left; white-space: normal; }
.claim-link:hover { text-decoration-color: currentColor; }
.sources { margin: .25rem 0; font-size: .875rem; }
.sources ul { margin: .1rem 0 0; padding-left: 1rem; }
.outlet { font-weight: 600; color: var(--accent); }
.source-title { color: inherit; }
.key { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .7rem; margin: .25rem 0 0; overflow-wrap: anywhere; }
.why { margin-top: .5rem; background: var(--why-bg); border-left: 4px solid var(--why-line); border-radius: .25rem; padding: .35rem .65rem; font-size: .875rem; }
.why .label { font-weight: 700; color: var(--why-text); }
.why ol { display: inline; list-style: none; margin: 0; padding: 0; }
.why li { display: inline; }
.why .arrow { color: var(--why-text); font-weight: 700; }
.why .role { color: var(--muted); }
.contradictions { margin-top: .5rem; background: var(--contra-bg); border-left: 4px solid var(--contra-line); border-radius: .25rem; padding: .45rem .75rem; }
.contradictions h3 { font-size: .78rem; margin: 0 0 .2rem; color: var(--contra-text); }
.contradictions ul { margin: 0; padding-left: 1rem; font-size: .9rem; }
.contradictions summary { cursor: pointer; color: var(--contra-text); font-size: .85rem; font-weight: 600; margin-top: .2rem; }
.origin { display: inline-block; font-size: .7rem; font-weight: 700; text-transform: uppercase; padding: 0 .35rem; border-radius: .25rem; border: 1px solid var(--contra-text); color: var(--contra-text); }
.origin-explicit { background: var(--contra-text); color: var(--panel); }

.claim-list, .pair-list, .changes { list-style: none; margin: .5rem 0 0; padding: 0; display: grid; gap: .35rem; font-size: .875rem; }
.claim-list button { width: 100%; display: grid; grid-template-columns: minmax(0, 1fr) auto; gap: .5rem; align-items: baseline; text-align: left;
  background: transparent; color: var(--text); border: 1px solid var(--line); font-weight: 400; white-space: normal; padding: .35rem .6rem; }
.claim-list button:hover, .claim-list button[aria-current="true"] { border-color: var(--accent); }
.claim-list .split { font-variant-numeric: tabular-nums; white-space: nowrap; }
.claim-list .a { color: var(--affirm); font-weight: 700; }
.claim-list .d { color: var(--deny); font-weight: 700; }
.pair-list li { color: var(--muted); }
.pair-list strong { color: var(--text); }
.claim-view { border-color: var(--accent); }
.claim-text { margin: .25rem 0 .5rem; font-size: 1.15rem; font-weight: 600; border-left: 4px solid var(--accent); padding-left: .75rem; }
.changes li { border: 1px solid var(--line); border-radius: .4rem; padding: .4rem .65rem; }
.changes .turn { font-weight: 700; }
.changes:empty::before { content: "No actor has changed its position on this claim."; color: var(--muted); font-style: italic; }
.claim-items { margin-top: 0; }

@media (max-width: 60rem) {
  .board { display: flex; flex-direction: column; align-items: stretch; padding: .75rem; gap: .75rem; }
  .col-main, .pair { display: contents; }
  .story { order: 1; } .claim-view { order: 2; } .timeline { order: 3; } .feed { order: 4; } .contested { order: 5; } .network { order: 6; }
  .feed { position: static; max-height: none; overflow: visible; }
  .top, .filter { padding-left: .75rem; padding-right: .75rem; }
  .field-actor { grid-template-columns: 1fr; }
  .field-actor .help { display: none; }
  h1 { font-size: 1.25rem; }
  .figures li { min-width: 0; flex: 1 1 6.5rem; padding: .4rem .6rem; }
  .figures .n { font-size: 1.3rem; }
  .panel { padding: .75rem .85rem; }
}
@media (prefers-reduced-motion: reduce) { * { animation: none !important; transition: none !important; } }
`;
