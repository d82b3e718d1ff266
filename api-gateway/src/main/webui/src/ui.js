// Small pieces every page uses.
import { h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import htm from 'htm';

export const html = htm.bind(h);

/** What went wrong, from a Problem (the API's problem details) or any error. */
export function ProblemNote({ error }) {
  if (!error) {
    return null;
  }
  return html`<p class="problem" role="alert">
    ${error.status ? html`<strong>${error.status}${error.code ? ` ${error.code}` : ''}: </strong>` : null}
    ${error.message}${error.field ? html` <span class="field">(${error.field})</span>` : null}
  </p>`;
}

/** Loads `load()` now and every `everyMs` (if given) while the page is shown; answers [data, error, reload]. */
export function useLoad(load, dependencies, everyMs) {
  const [state, setState] = useState({ data: null, error: null });
  const generation = useRef(0);
  const run = async () => {
    const mine = ++generation.current;
    try {
      const data = await load();
      if (mine === generation.current) {
        setState({ data, error: null });
      }
    } catch (error) {
      if (mine === generation.current && error.name !== 'AbortError') {
        setState((before) => ({ data: before.data, error }));
      }
    }
  };
  useEffect(() => {
    run();
    if (!everyMs) {
      return () => { generation.current++; };
    }
    const timer = setInterval(run, everyMs);
    return () => { clearInterval(timer); generation.current++; };
  }, dependencies);
  return [state.data, state.error, run];
}

export function Field({ label, id, hint, error, children }) {
  return html`<div class="field-row">
    <label for=${id}>${label}</label>
    ${children}
    ${hint ? html`<small id=${`${id}-hint`} class="hint">${hint}</small>` : null}
    ${error ? html`<small id=${`${id}-error`} class="invalid" role="alert">${error}</small>` : null}
  </div>`;
}

export function Status({ status }) {
  return html`<span class=${`status status-${String(status || '').toLowerCase()}`}>${status}</span>`;
}

export function Empty({ children }) {
  return html`<p class="empty">${children}</p>`;
}
