// An auditor's pages: the live audit stream with filters, pausing and resuming without losing events, a drill-down
// that follows one correlation id through every service, and the export of a filtered range.
import { useEffect, useRef, useState } from 'preact/hooks';
import { fetchEventSource } from '@microsoft/fetch-event-source';
import { Problem, all, authorization, url } from './api.js';
import { time } from './format.js';
import { Empty, Field, ProblemNote, html, useLoad } from './ui.js';

const SHOWN = 500;
const FILTERS = ['account', 'transfer', 'correlationId', 'type', 'from', 'to'];

/** The form's values as the API's query: instants in ISO-8601, empty ones left out. */
function query(filters, { stream } = {}) {
  const q = {};
  for (const name of FILTERS) {
    let value = (filters[name] || '').trim();
    if (!value || (stream && name === 'to')) {
      continue;
    }
    if (name === 'from' || name === 'to') {
      value = new Date(value).toISOString();
    }
    if (name === 'account') {
      value = value.replace(/\s+/g, '').toUpperCase();
    }
    q[name] = value;
  }
  return q;
}

export function AuditPage({ query: initial }) {
  const [filters, setFilters] = useState(Object.fromEntries(FILTERS.map((f) => [f, initial.get(f) || ''])));
  const [applied, setApplied] = useState(filters);
  const [events, setEvents] = useState([]);
  const [state, setState] = useState({ live: false, paused: false, error: null, notice: null });
  const lastId = useRef(null);
  const controller = useRef(null);

  const stop = () => {
    if (controller.current) {
      controller.current.abort();
      controller.current = null;
    }
  };
  const open = (resumeAfter) => {
    stop();
    const mine = new AbortController();
    controller.current = mine;
    setState({ live: true, paused: false, error: null, notice: null });
    fetchEventSource(url('/events/stream', query(applied, { stream: true })), {
      headers: { ...authorization(), ...(resumeAfter ? { 'Last-Event-ID': resumeAfter } : {}) },
      signal: mine.signal,
      openWhenHidden: true,
      async onopen(answer) {
        if (!answer.ok) {
          let body = null;
          try {
            body = await answer.json();
          } catch (ignored) {
            body = null;
          }
          throw new Problem(answer.status, body);
        }
      },
      onmessage(message) {
        if (message.event === 'unknown-last-event-id') {
          setState((s) => ({ ...s, notice: JSON.parse(message.data).detail }));
          return;
        }
        if (!message.data) {
          return;
        }
        const event = JSON.parse(message.data);
        lastId.current = message.id || event.id;
        setEvents((before) => [event, ...before].slice(0, SHOWN));
      },
      onerror(error) {
        if (error instanceof Problem && error.status >= 400 && error.status < 500) {
          setState({ live: false, paused: false, error, notice: null });
          throw error; // no retry: the filters or the token are refused
        }
        setState((s) => ({ ...s, error: new Problem(0, { detail: 'The stream broke; reconnecting after the last event…' }) }));
        return 2000;
      },
    }).catch(() => {});
  };
  useEffect(() => {
    lastId.current = null;
    setEvents([]);
    open(null);
    return stop;
  }, [applied]);

  const pause = () => {
    stop();
    setState({ live: false, paused: true, error: null, notice: null });
  };
  const resume = () => open(lastId.current);
  const set = (name) => (event) => setFilters({ ...filters, [name]: event.target.value });
  const submit = (event) => {
    event.preventDefault();
    setApplied({ ...filters });
  };
  return html`<section aria-labelledby="audit-title">
    <h1 id="audit-title">Audit stream</h1>
    <form class="panel filters" onSubmit=${submit} aria-label="Filters">
      <${Field} label="Account (IBAN)" id="filter-account"><input id="filter-account" value=${filters.account}
        onInput=${set('account')} /><//>
      <${Field} label="Transfer id" id="filter-transfer"><input id="filter-transfer" value=${filters.transfer}
        onInput=${set('transfer')} /><//>
      <${Field} label="Correlation id" id="filter-correlation"><input id="filter-correlation"
        value=${filters.correlationId} onInput=${set('correlationId')} /><//>
      <${Field} label="Event type" id="filter-type"><input id="filter-type" placeholder="TransferCompletedEvent"
        value=${filters.type} onInput=${set('type')} /><//>
      <${Field} label="From" id="filter-from"><input id="filter-from" type="datetime-local" step="1"
        value=${filters.from} onInput=${set('from')} /><//>
      <${Field} label="To (list and export)" id="filter-to"><input id="filter-to" type="datetime-local" step="1"
        value=${filters.to} onInput=${set('to')} /><//>
      <button type="submit">Apply the filters</button>
    </form>
    <div class="toolbar">
      <span role="status" id="stream-state" class=${state.live ? 'live' : 'paused'}>
        ${state.live ? 'Live' : state.paused ? `Paused after ${lastId.current || 'no event yet'}` : 'Stopped'}</span>
      ${state.live ? html`<button type="button" id="stream-pause" onClick=${pause}>Pause</button>`
        : html`<button type="button" id="stream-resume" onClick=${resume}>Resume</button>`}
      <${Export} filters=${applied} />
    </div>
    ${state.notice ? html`<p class="notice" role="status">${state.notice}</p>` : null}
    <${ProblemNote} error=${state.error} />
    ${events.length === 0 ? html`<${Empty}>No event yet${state.live ? ': new ones appear here as they happen' : ''}.<//>`
      : html`<${EventTable} events=${events} caption="The newest events first" />`}
  </section>`;
}

function EventTable({ events, caption }) {
  return html`<table class="list events" id="events">
    <caption class="visually-hidden">${caption}</caption>
    <thead><tr><th scope="col">When</th><th scope="col">Type</th><th scope="col">Aggregate</th>
      <th scope="col">Source</th><th scope="col">Correlation</th><th scope="col">Payload</th></tr></thead>
    <tbody>${events.map((e) => html`<tr key=${e.id} data-event-id=${e.id}>
      <td><time datetime=${e.timestamp}>${time(e.timestamp)}</time></td>
      <td>${e.type}</td><td class="mono">${e.aggregateId}${e.sequence !== null ? ` #${e.sequence}` : ''}</td>
      <td>${e.source}</td>
      <td>${e.correlationId ? html`<a href=${`#/trace/${encodeURIComponent(e.correlationId)}`}>${e.correlationId}</a>` : '–'}</td>
      <td><code class="payload">${JSON.stringify(e.payload)}</code></td></tr>`)}</tbody>
  </table>`;
}

/** A cell of CSV: quoted, and never read as a formula by a spreadsheet. */
function cell(value) {
  let text = value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value)
    : String(value);
  if (/^[=+\-@\t\r]/.test(text)) {
    text = `'${text}`;
  }
  return `"${text.replace(/"/g, '""')}"`;
}

const COLUMNS = ['id', 'timestamp', 'type', 'aggregateId', 'sequence', 'correlationId', 'causationId', 'source',
  'topic', 'partition', 'offset', 'payload'];

function Export({ filters }) {
  const [state, setState] = useState({ busy: false, error: null, done: null });
  const run = async (format) => {
    setState({ busy: true, error: null, done: null });
    try {
      const events = await all('/events', { ...query(filters), limit: 500 });
      const text = format === 'csv'
        ? [COLUMNS.join(','), ...events.map((e) => COLUMNS.map((c) => cell(e[c])).join(','))].join('\r\n') + '\r\n'
        : events.map((e) => JSON.stringify(e)).join('\n') + (events.length ? '\n' : '');
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([text], { type: format === 'csv' ? 'text/csv' : 'application/x-ndjson' }));
      link.download = `eventbank-events.${format === 'csv' ? 'csv' : 'ndjson'}`;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10000);
      setState({ busy: false, error: null, done: `${events.length} events exported as ${format.toUpperCase()}.` });
    } catch (error) {
      setState({ busy: false, error, done: null });
    }
  };
  return html`<span class="export">
    <button type="button" disabled=${state.busy} onClick=${() => run('csv')}>Export CSV</button>
    <button type="button" disabled=${state.busy} onClick=${() => run('ndjson')}>Export NDJSON</button>
    ${state.done ? html`<span role="status">${state.done}</span>` : null}
    <${ProblemNote} error=${state.error} />
  </span>`;
}

/** One correlation id through every service: its events in time order, by the service that wrote them. */
export function TracePage({ correlationId }) {
  const [events, error] = useLoad(() => all('/events', { correlationId, limit: 500 }, { most: 5000 }),
    [correlationId], 5000);
  const sources = events ? [...new Set(events.map((e) => e.source))] : [];
  return html`<section aria-labelledby="trace-title">
    <h1 id="trace-title">Correlation ${correlationId}</h1>
    <${ProblemNote} error=${error} />
    ${events ? html`<p>${events.length} events from ${sources.length} services: ${sources.join(', ')}.</p>` : null}
    ${events && events.length ? html`<ol class="trace">${events.map((e) => html`<li class=${`source-${e.source}`}>
      <time datetime=${e.timestamp}>${time(e.timestamp)}</time> <strong>${e.source}</strong> ${e.type}
      <span class="mono">${e.aggregateId}</span>
      ${e.causationId ? html`<small> caused by ${e.causationId}</small>` : null}</li>`)}</ol>`
      : html`<${Empty}>No event carries this correlation id (yet).<//>`}
  </section>`;
}
