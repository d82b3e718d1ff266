// Line charts (uPlot): time on the x axis, one or more series.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useEffect, useRef } from 'preact/hooks';
import { html } from './ui.js';

const COLOURS = ['#1f5fbf', '#b8420f', '#137a3a', '#7a2aa8', '#8a6d00', '#0f7c86'];

/**
 * A chart of `data` ([times in seconds, series 1, series 2, ...]) with `series` ([{label, unit, stepped}]); `title` names it
 * for screen readers too, and `summary` says in words what it shows now.
 */
export function LineChart({ title, series, data, summary, height = 220 }) {
  const box = useRef(null);
  const plot = useRef(null);
  useEffect(() => {
    const width = Math.max(320, (box.current && box.current.clientWidth) || 600);
    plot.current = new uPlot({
      width, height,
      series: [{}, ...series.map((s, i) => ({
        label: s.label, stroke: COLOURS[i % COLOURS.length], width: 2, spanGaps: false,
        // a level that holds until its next change (a balance) is drawn as steps, not as a slope
        ...(s.stepped ? { paths: uPlot.paths.stepped({ align: 1 }) } : {}),
        value: (u, v) => (v === null || v === undefined ? '–' : `${v}${s.unit ? ` ${s.unit}` : ''}`),
      }))],
      axes: [{}, { size: 60 }],
      scales: { x: { time: true } },
    }, data, box.current);
    const resize = () => plot.current && box.current
      && plot.current.setSize({ width: Math.max(320, box.current.clientWidth), height });
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      plot.current.destroy();
      plot.current = null;
    };
  }, [series.map((s) => s.label).join('|')]);
  useEffect(() => {
    if (plot.current) {
      plot.current.setData(data);
    }
  }, [data]);
  return html`<figure class="chart">
    <figcaption>${title}</figcaption>
    <div ref=${box} role="img" aria-label=${`${title}: ${summary || ''}`}></div>
    ${summary ? html`<p class="chart-summary">${summary}</p>` : null}
  </figure>`;
}
