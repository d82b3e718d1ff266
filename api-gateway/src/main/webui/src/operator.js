// The operations pages (operators act, auditors read): transfers that are not final, throughput and latency, the risk
// engine's live analytics, read models and their replay, dead letters, verification, settlement positions, and an
// account's lifecycle.
import { useRef, useState } from 'preact/hooks';
import { get, newKey, post } from './api.js';
import { LineChart } from './charts.js';
import { clock, duration, money, printedIban, time } from './format.js';
import { Empty, Field, ProblemNote, Status, html, useLoad } from './ui.js';
import { ibanProblem } from './customer.js';

const seconds = (instant) => new Date(instant).getTime() / 1000;

export function OverviewPage() {
  const [activity, activityError] = useLoad(() => get('/admin/activity', { minutes: 10 }), [], 5000);
  const [unfinished, unfinishedError] = useLoad(() => get('/admin/transfers/unfinished', { limit: 100 }), [], 5000);
  const slices = activity ? activity.slices : [];
  const times = slices.map((s) => seconds(s.at));
  const perSecond = (n) => Math.round((n / (activity ? activity.sliceSeconds : 10)) * 10) / 10;
  const last = slices.length ? slices[slices.length - 2] || slices[slices.length - 1] : null;
  return html`<section aria-labelledby="overview-title">
    <h1 id="overview-title">Operations</h1>
    <${ProblemNote} error=${activityError} />
    <div class="charts">
      <${LineChart} title="Transfers finished per second (10 s slices, last 10 minutes)"
        series=${[{ label: 'completed', unit: '/s' }, { label: 'failed', unit: '/s' }]}
        data=${[times, slices.map((s) => perSecond(s.completed)), slices.map((s) => perSecond(s.failed))]}
        summary=${last ? `last full slice: ${perSecond(last.completed)} completed and ${perSecond(last.failed)} failed a second` : ''} />
      <${LineChart} title="Latency from request to completed (ms)"
        series=${[{ label: 'p50', unit: 'ms' }, { label: 'p99', unit: 'ms' }]}
        data=${[times, slices.map((s) => s.latencyP50Ms), slices.map((s) => s.latencyP99Ms)]}
        summary=${last && last.latencyP50Ms !== null ? `last full slice: p50 ${last.latencyP50Ms} ms, p99 ${last.latencyP99Ms} ms` : 'no completed transfer in the last slice'} />
    </div>
    <${RiskAnalytics} />
    <h2>Transfers not final, oldest first</h2>
    <${ProblemNote} error=${unfinishedError} />
    ${unfinished && unfinished.items.length === 0 ? html`<${Empty}>Every transfer is final.<//>` : null}
    ${unfinished && unfinished.items.length > 0 ? html`<table class="list" id="unfinished">
      <caption class="visually-hidden">Transfers that are not final</caption>
      <thead><tr><th scope="col">Transfer</th><th scope="col">Status</th><th scope="col">Waits for</th>
        <th scope="col">Age</th><th scope="col" class="number">Amount</th><th scope="col">From → to</th></tr></thead>
      <tbody>${unfinished.items.map((t) => html`<tr>
        <td class="mono">${t.transferId}</td><td><${Status} status=${t.status} /></td><td>${t.awaiting}</td>
        <td>${duration(t.ageSeconds)}</td><td class="number">${money(t.amount, t.currency)}</td>
        <td class="mono">${printedIban(t.debtorIban)} → ${printedIban(t.creditorIban)}</td></tr>`)}</tbody>
    </table>` : null}
  </section>`;
}

// Minor units as a decimal string with `scale` decimals.
const decimal = (minor, scale) => {
  const digits = minor.toString().padStart(scale + 1, '0');
  return scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
};

// Per bank and currency, the last hour's minutes summed: what the risk engine counts on the event stream.
function RiskAnalytics() {
  const [analytics, error] = useLoad(() => get('/admin/risk/analytics', { minutes: 60 }), [], 10000);
  const totals = {};
  for (const m of analytics ? analytics.minutes : []) {
    const key = `${m.bankCode} ${m.currency}`;
    const scale = (m.volume.split('.')[1] || '').length;
    const t = totals[key] || { bankCode: m.bankCode, currency: m.currency, transfers: 0, volume: 0n, scale, failed: 0, screened: 0, held: 0 };
    t.transfers += m.transfers;
    t.volume += BigInt(m.volume.replace('.', '')); // exact: minor units
    t.failed += m.failed;
    t.screened += m.screened;
    t.held += m.held;
    totals[key] = t;
  }
  const rows = Object.values(totals);
  const rate = (part, whole) => (whole ? `${Math.round((part / whole) * 1000) / 10} %` : '–');
  return html`<h2>Risk engine: the last hour on the event stream</h2>
    <${ProblemNote} error=${error} />
    ${analytics && rows.length === 0 ? html`<${Empty}>No transfer in the last hour.<//>` : null}
    ${rows.length > 0 ? html`<table class="list" id="risk-analytics">
      <caption class="visually-hidden">Transfers, failures, screenings and holds per bank and currency, last hour</caption>
      <thead><tr><th scope="col">Bank</th><th scope="col">Currency</th><th scope="col" class="number">Transfers</th>
        <th scope="col" class="number">Volume</th><th scope="col" class="number">Failure rate</th>
        <th scope="col" class="number">Screened</th><th scope="col" class="number">Hold rate</th></tr></thead>
      <tbody>${rows.map((t) => html`<tr>
        <td class="mono">${t.bankCode}</td><td>${t.currency}</td><td class="number">${t.transfers}</td>
        <td class="number">${money(decimal(t.volume, t.scale), t.currency)}</td><td class="number">${rate(t.failed, t.transfers)}</td>
        <td class="number">${t.screened}</td><td class="number">${rate(t.held, t.screened)}</td></tr>`)}</tbody>
    </table>` : null}
    ${analytics && analytics.mostFlagged.length > 0 ? html`<table class="list" id="most-flagged">
      <caption>Accounts held most often</caption>
      <thead><tr><th scope="col">Account</th><th scope="col" class="number">Holds</th></tr></thead>
      <tbody>${analytics.mostFlagged.map((f) => html`<tr><td class="mono">${printedIban(f.iban)}</td>
        <td class="number">${f.holds}</td></tr>`)}</tbody>
    </table>` : null}`;
}

export function ProjectionsPage({ role }) {
  const history = useRef({ times: [], byName: {} });
  const [projections, error, reload] = useLoad(async () => {
    const answer = await get('/admin/projections');
    const h = history.current;
    h.times = [...h.times, Date.now() / 1000].slice(-120);
    for (const p of answer.items) {
      h.byName[p.name] = [...(h.byName[p.name] || []), p.lastBatchDelayMs].slice(-120);
    }
    return answer;
  }, [], 2000);
  const [action, setAction] = useState({ error: null, started: null });
  const replay = async (name) => {
    setAction({ error: null, started: null });
    try {
      const started = await post(`/admin/projections/${name}/replay`, undefined, { key: newKey() });
      setAction({ error: null, started });
      reload();
    } catch (e) {
      setAction({ error: e, started: null });
    }
  };
  const names = projections ? projections.items.map((p) => p.name) : [];
  const h = history.current;
  const delays = names.length ? h.byName[names[0]] || [] : [];
  return html`<section aria-labelledby="projections-title">
    <h1 id="projections-title">Read models</h1>
    <${ProblemNote} error=${error} />
    <${ProblemNote} error=${action.error} />
    ${action.started ? html`<p role="status">Replay ${action.started.replayId} of ${action.started.name} started.</p>` : null}
    ${role === 'operator' ? html`<p><button type="button" id="replay-all" onClick=${() => replay('all')}>Replay all read models</button></p>` : null}
    ${projections ? html`<table class="list" id="projections">
      <caption class="visually-hidden">Read models, their generation and replay progress</caption>
      <thead><tr><th scope="col">Read model</th><th scope="col">State</th><th scope="col" class="number">Generation</th>
        <th scope="col">Last event</th><th scope="col">Replay</th><th scope="col">Progress</th>
        ${role === 'operator' ? html`<th scope="col"><span class="visually-hidden">Actions</span></th>` : null}</tr></thead>
      <tbody>${projections.items.map((p) => html`<tr data-projection=${p.name}>
        <th scope="row">${p.name}</th>
        <td class="projection-state"><${Status} status=${p.state} /></td>
        <td class="number">${p.liveGeneration}</td>
        <td>${p.asOf && p.asOf.lastEventAt ? time(p.asOf.lastEventAt) : '–'}</td>
        <td>${p.replay ? html`${p.replay.status}, started ${clock(p.replay.startedAt)}` : 'never replayed'}</td>
        <td>${progress(p)}</td>
        ${role === 'operator' ? html`<td><button type="button" disabled=${p.state === 'REPLAYING'}
          onClick=${() => replay(p.name)} aria-label=${`Replay ${p.name}`}>Replay</button></td>` : null}
      </tr>`)}</tbody>
    </table>` : null}
    <${LineChart} title="Projection lag: how late the last batch's events were applied (ms), sampled every 2 s"
      series=${[{ label: 'lag', unit: 'ms' }]} data=${[h.times, delays]}
      summary=${delays.length ? `now ${delays[delays.length - 1]} ms` : ''} />
  </section>`;
}

function progress(p) {
  const r = p.replay;
  if (!r) {
    return '–';
  }
  if (r.status !== 'REPLAYING') {
    return `${r.applied} events at ${r.eventsPerSecond}/s${r.finishedAt ? `, finished ${clock(r.finishedAt)}` : ''}${r.error ? `: ${r.error}` : ''}`;
  }
  const eta = r.eventsPerSecond > 0 ? r.remaining / r.eventsPerSecond : null;
  return html`<span class="replay-progress">${r.applied} applied, ${r.remaining} remaining, ${r.eventsPerSecond}/s,
    ETA ${duration(eta)}</span>
    <progress max=${r.applied + r.remaining} value=${r.applied} aria-label=${`${p.name} replay progress`}></progress>`;
}

export function DeadLettersPage({ role }) {
  const [letters, error, reload] = useLoad(() => get('/admin/dead-letters'), [], 10000);
  const [action, setAction] = useState({ error: null, done: null });
  const redrive = async (id) => {
    setAction({ error: null, done: null });
    try {
      const answer = await post(id ? `/admin/dead-letters/${encodeURIComponent(id)}/redrive` : '/admin/dead-letters/redrive');
      setAction({ error: null, done: id ? `${id}: ${answer.outcome || 're-driven'}` : 'Every dead letter was re-driven.' });
      reload();
    } catch (e) {
      setAction({ error: e, done: null });
    }
  };
  const items = letters ? letters.items : [];
  return html`<section aria-labelledby="dlq-title">
    <h1 id="dlq-title">Dead letters</h1>
    <${ProblemNote} error=${error} />
    <${ProblemNote} error=${action.error} />
    ${action.done ? html`<p role="status">${action.done}</p>` : null}
    ${role === 'operator' && items.some((d) => !d.redriven)
      ? html`<p><button type="button" onClick=${() => redrive(null)}>Re-drive every one</button></p>` : null}
    ${letters && items.length === 0 ? html`<${Empty}>No dead letters: every record was read and applied.<//>` : null}
    ${items.length ? html`<table class="list" id="dead-letters">
      <caption class="visually-hidden">Dead letters</caption>
      <thead><tr><th scope="col">When</th><th scope="col">Kind</th><th scope="col">Where</th><th scope="col">Type</th>
        <th scope="col">Why</th><th scope="col">Re-driven</th>${role === 'operator' ? html`<th scope="col"><span class="visually-hidden">Actions</span></th>` : null}</tr></thead>
      <tbody>${items.map((d) => html`<tr>
        <td>${time(d.at)}</td><td>${d.kind}</td><td class="mono">${d.topic}/${d.partition}@${d.offset}</td>
        <td>${d.type || '–'}</td><td>${d.reason || '–'}</td><td>${d.redriven ? 'yes' : 'no'}</td>
        ${role === 'operator' ? html`<td><button type="button" disabled=${d.redriven}
          onClick=${() => redrive(d.id)}>Re-drive</button></td>` : null}</tr>`)}</tbody>
    </table>` : null}
  </section>`;
}

export function VerificationPage() {
  const [result, error, run] = useLoad(() => get('/admin/verification'), []);
  return html`<section aria-labelledby="verify-title">
    <h1 id="verify-title">Verification</h1>
    <p><button type="button" onClick=${run}>Check again</button></p>
    <${ProblemNote} error=${error} />
    ${result ? html`<p id="verification-result" class=${result.ok ? 'done' : 'problem'} role="status">
      ${result.ok ? 'Every check passed.' : 'A check failed.'}</p>
      <ul class="checks">${result.checks.map((c) => html`<li class=${c.ok ? 'ok' : 'problem'}>
        <strong>${c.ok ? 'passed' : 'FAILED'}</strong> ${c.name}${c.detail ? html`: <span>${c.detail}</span>` : null}
      </li>`)}</ul>` : null}
  </section>`;
}

export function SettlementsPage() {
  const [minutes, setMinutes] = useState('60');
  const [current, error] = useLoad(() => get('/admin/settlements'), [], 5000);
  const [history, historyError] = useLoad(() => get('/admin/settlements/history', { minutes }), [minutes], 10000);
  const series = history ? history.items : [];
  // one time axis for every series: each keeps its last position until its next movement
  const times = [...new Set([Date.now() / 1000 - Number(minutes) * 60, ...series.flatMap((s) => s.points.map((p) => seconds(p.at))),
    Date.now() / 1000])].sort((a, b) => a - b);
  const data = [times, ...series.map((s) => {
    let i = 0;
    let value = Number(s.startingPosition);
    return times.map((t) => {
      while (i < s.points.length && seconds(s.points[i].at) <= t) {
        value = Number(s.points[i].netPosition);
        i++;
      }
      return value;
    });
  })];
  return html`<section aria-labelledby="settlements-title">
    <h1 id="settlements-title">Settlement positions</h1>
    <${ProblemNote} error=${error} />
    ${current ? html`<table class="list" id="settlements">
      <caption class="visually-hidden">What each bank has taken in (positive) or paid out (negative) for others</caption>
      <thead><tr><th scope="col">Bank</th><th scope="col">Currency</th><th scope="col" class="number">Position</th></tr></thead>
      <tbody>${current.items.map((s) => html`<tr><td>${s.bankCode}</td><td>${s.currency}</td>
        <td class="number">${money(s.netPosition, s.currency)}</td></tr>`)}</tbody>
    </table>` : null}
    <${Field} label="Chart over the last" id="settlement-minutes">
      <select id="settlement-minutes" value=${minutes} onChange=${(e) => setMinutes(e.target.value)}>
        <option value="15">15 minutes</option><option value="60">hour</option><option value="1440">day</option>
      </select>
    <//>
    <${ProblemNote} error=${historyError} />
    <${LineChart} title="Settlement positions over time"
      series=${series.map((s) => ({ label: `${s.bankCode} ${s.currency}`, unit: s.currency, stepped: true }))} data=${data}
      summary=${series.map((s) => `${s.bankCode} ${s.currency} ${s.points.length ? s.points[s.points.length - 1].netPosition : s.startingNetPosition}`).join(', ')} />
  </section>`;
}

export function AccountActionsPage() {
  const [iban, setIban] = useState('');
  const [reason, setReason] = useState('');
  const [state, setState] = useState({ busy: false, error: null, account: null });
  const clean = iban.replace(/\s+/g, '').toUpperCase();
  const problem = iban ? ibanProblem(iban) : null;
  const lookUp = async () => {
    setState({ busy: true, error: null, account: null });
    try {
      setState({ busy: false, error: null, account: await get(`/accounts/${clean}`) });
    } catch (error) {
      setState({ busy: false, error, account: null });
    }
  };
  const act = (what) => async () => {
    setState({ ...state, busy: true, error: null });
    try {
      const body = what === 'freeze' && reason ? { reason } : undefined;
      const account = await post(`/accounts/${clean}/${what}`, body, { key: newKey() });
      setState({ busy: false, error: null, account });
    } catch (error) {
      setState({ ...state, busy: false, error });
    }
  };
  const a = state.account;
  return html`<section aria-labelledby="actions-title">
    <h1 id="actions-title">An account's lifecycle</h1>
    <form class="panel" onSubmit=${(e) => { e.preventDefault(); lookUp(); }}>
      <${Field} label="IBAN" id="action-iban" error=${problem}>
        <input id="action-iban" value=${iban} onInput=${(e) => setIban(e.target.value)} spellcheck="false" />
      <//>
      <button type="submit" disabled=${!iban || problem || state.busy}>Look it up</button>
    </form>
    <${ProblemNote} error=${state.error} />
    ${a ? html`<div class="panel">
      <p>${printedIban(a.iban)} · ${a.owner} · ${money(a.balance, a.currency)} · <${Status} status=${a.status} /></p>
      <${Field} label="Reason to freeze (optional)" id="freeze-reason">
        <input id="freeze-reason" maxlength="140" value=${reason} onInput=${(e) => setReason(e.target.value)} />
      <//>
      <div class="toolbar">
        <button type="button" disabled=${state.busy || a.status !== 'OPEN'} onClick=${act('freeze')}>Freeze</button>
        <button type="button" disabled=${state.busy || a.status !== 'FROZEN'} onClick=${act('unfreeze')}>Unfreeze</button>
        <button type="button" class="danger" disabled=${state.busy || a.status === 'CLOSED'} onClick=${act('close')}>Close</button>
      </div>
    </div>` : null}
  </section>`;
}
