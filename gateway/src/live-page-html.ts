import { pageShell } from './browser-page';

/**
 * The dashboard's one document. Everything in it is filled in by /live/app.js; the ids are what
 * the browser code (and the browser tests) hold on to.
 */
export const LIVE_HTML = pageShell({
  title: 'live statements',
  prefix: '/live',
  stylesheet: 'live.css',
  preload: ['vendor/echarts.js'],
  entry: 'app.js',
  body: `  <a class="skip" href="#feed-title">Skip to the statements</a>
  <header class="top">
    <p class="brand-line"><span class="brand">newsgraph</span> <span class="brand-sub">live</span></p>
    <p id="status" class="status" role="status" aria-live="polite" data-state="idle">
      <span class="dot" aria-hidden="true"></span><span class="visually-hidden">Connection: </span><span id="status-text">not watching</span>
    </p>
  </header>
  <form id="filter" class="filter" aria-labelledby="filter-title">
    <h2 id="filter-title" class="visually-hidden">What to watch</h2>
    <div class="field field-actor">
      <label for="actor-search">Statements by</label>
      <div class="row">
        <input id="actor-search" type="search" placeholder="Find an actor, e.g. España" autocomplete="off" aria-describedby="actor-note">
        <button type="button" id="actor-search-button" class="secondary">Search</button>
      </div>
      <select id="actor" aria-label="Actor" aria-describedby="actor-help"><option value="">Anyone</option></select>
      <p id="actor-note" class="note" aria-live="polite"></p>
      <p id="actor-help" class="help">Includes what anyone said while speaking for this actor: its members, ministers and spokespeople at the time.</p>
    </div>
    <div class="field field-topic">
      <label for="topic">About</label>
      <select id="topic"><option value="">Any topic</option></select>
    </div>
    <div class="actions">
      <button type="submit" id="watch">Watch</button>
      <button type="button" id="stop" class="secondary" disabled>Stop</button>
    </div>
  </form>
  <main class="board">
    <div class="col-main">
    <section class="story" aria-labelledby="story-title">
      <h1 id="story-title">Who says what, and who contradicts them</h1>
      <p id="watching" class="watching">Choose what to watch, then press Watch.</p>
      <ul id="figures" class="figures" aria-label="At a glance"></ul>
      <div id="headline" class="headline" hidden></div>
    </section>
    <section id="claim-view" class="panel claim-view" aria-labelledby="claim-title" hidden>
      <div class="panel-head">
        <h2 id="claim-title">Claim</h2>
        <button type="button" id="claim-close" class="secondary small" aria-label="Close the claim view">Close</button>
      </div>
      <blockquote id="claim-text" class="claim-text"></blockquote>
      <div id="claim-error" class="error" role="alert" hidden></div>
      <div id="claim-chart" class="chart chart-positions" role="img" aria-label="Position timeline per actor"></div>
      <h3>Changes of position</h3>
      <ol id="claim-changes" class="changes"></ol>
      <h3>Statements, sources and why they count</h3>
      <ol id="claim-statements" class="items claim-items"></ol>
    </section>
    <section class="panel timeline" aria-labelledby="timeline-title">
      <h2 id="timeline-title">Statements per day</h2>
      <p id="timeline-note" class="help"></p>
      <div id="timeline-chart" class="chart chart-timeline" role="img" aria-label="Statements per day"></div>
    </section>
    <div class="pair">
    <section class="panel contested" aria-labelledby="contested-title">
      <h2 id="contested-title">Contested claims</h2>
      <p class="help">Claims both affirmed and denied, and by whom. Choose one to see how positions moved.</p>
      <div id="contested-chart" class="chart chart-contested" role="img" aria-label="Stance split per contested claim"></div>
      <ol id="contested-list" class="claim-list"></ol>
    </section>
    <section class="panel network" aria-labelledby="network-title">
      <h2 id="network-title">Who contradicts whom</h2>
      <p class="help">Countries and organisations on opposite sides of a claim; thicker lines, more claims.</p>
      <div id="network-chart" class="chart chart-network" role="img" aria-label="Who contradicts whom"></div>
      <ul id="network-list" class="pair-list"></ul>
    </section>
    </div>
    </div>
    <section class="panel feed" aria-labelledby="feed-title">
      <div class="panel-head">
        <h2 id="feed-title">Statements</h2>
        <p id="feed-count" class="count" aria-live="off"></p>
      </div>
      <div id="feed-error" class="error" role="alert" hidden></div>
      <p id="feed-empty" class="empty">Statements appear here, newest first: those said so far, then each new one as it is loaded. If the connection drops, the page reconnects and catches up on what it missed.</p>
      <p id="announcer" class="visually-hidden" aria-live="polite"></p>
      <ol id="feed" class="items"></ol>
    </section>
  </main>
  <noscript><p class="error">This page needs JavaScript to receive statements.</p></noscript>`,
});
