// The console: sign in with a token, then the pages the token's role may use. The gateway enforces every rule
// itself; the console only leaves out what a role cannot do.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import './style.css';
import { oidc, session } from './session.js';
import { ProblemNote, html } from './ui.js';
import { AccountPage, AccountsPage, TransferPage } from './customer.js';
import { AuditPage, TracePage } from './auditor.js';
import {
  AccountActionsPage, DeadLettersPage, OverviewPage, ProjectionsPage, SettlementsPage, VerificationPage,
} from './operator.js';

/** The pages: path pattern, who may see it, its name in the navigation (none: reached by a link). */
const PAGES = [
  { path: /^\/accounts$/, roles: ['customer'], nav: 'Accounts', href: '#/accounts', view: () => html`<${AccountsPage} />` },
  { path: /^\/accounts\/([A-Z0-9]+)$/, roles: ['customer'], view: ([iban]) => html`<${AccountPage} iban=${iban} />` },
  { path: /^\/transfer$/, roles: ['customer'], nav: 'Send money', href: '#/transfer', view: (_, q) => html`<${TransferPage} query=${q} />` },
  { path: /^\/audit$/, roles: ['auditor'], nav: 'Audit stream', href: '#/audit', view: (_, q) => html`<${AuditPage} query=${q} />` },
  { path: /^\/trace\/(.+)$/, roles: ['auditor'], view: ([id]) => html`<${TracePage} correlationId=${decodeURIComponent(id)} />` },
  { path: /^\/operations$/, roles: ['operator', 'auditor'], nav: 'Operations', href: '#/operations', view: () => html`<${OverviewPage} />` },
  { path: /^\/projections$/, roles: ['operator', 'auditor'], nav: 'Read models', href: '#/projections', view: (_, q, role) => html`<${ProjectionsPage} role=${role} />` },
  { path: /^\/dead-letters$/, roles: ['operator', 'auditor'], nav: 'Dead letters', href: '#/dead-letters', view: (_, q, role) => html`<${DeadLettersPage} role=${role} />` },
  { path: /^\/settlements$/, roles: ['operator', 'auditor'], nav: 'Settlements', href: '#/settlements', view: () => html`<${SettlementsPage} />` },
  { path: /^\/verification$/, roles: ['operator', 'auditor'], nav: 'Verification', href: '#/verification', view: () => html`<${VerificationPage} />` },
  { path: /^\/account-actions$/, roles: ['operator'], nav: 'Freeze, unfreeze, close', href: '#/account-actions', view: () => html`<${AccountActionsPage} />` },
];

const HOME = { customer: '#/accounts', auditor: '#/audit', operator: '#/operations' };

function useHash() {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const changed = () => setHash(location.hash);
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
  }, []);
  return hash;
}

function useSession() {
  const [user, setUser] = useState(session.user());
  useEffect(() => session.onChange(() => setUser(session.user())), []);
  return user;
}

function SignIn({ login }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState(null);
  const submit = (event) => {
    event.preventDefault();
    try {
      session.signIn(token);
    } catch (e) {
      setError(e);
    }
  };
  return html`<main id="main" class="sign-in">
    <h1>Sign in to eventbank</h1>
    ${session.notice() ? html`<p class="notice" role="status">${session.notice()}</p>` : null}
    ${login ? html`<p><button type="button" id="sign-in-oidc" onClick=${login.signIn}>Sign in with ${login.issuer}</button></p>
      <p>or with a token:</p>` : null}
    <form onSubmit=${submit}>
      <label for="token">Bearer token</label>
      <textarea id="token" rows="5" spellcheck="false" autocomplete="off" value=${token}
        onInput=${(e) => setToken(e.target.value)} aria-describedby="token-hint"></textarea>
      <small id="token-hint" class="hint">Locally: <code>./eventbank token --role customer --subject alice</code>${' '}
        (or <code>--role operator</code>, <code>--role auditor</code>). It stays in this tab only.</small>
      <button type="submit" id="sign-in">Sign in</button>
      <${ProblemNote} error=${error} />
    </form>
  </main>`;
}

function App() {
  const user = useSession();
  const hash = useHash();
  const [login, setLogin] = useState(null);
  const [loginError, setLoginError] = useState(null);
  useEffect(() => {
    oidc().then(setLogin).catch(setLoginError);
  }, []);
  if (!user) {
    return html`<${SignIn} login=${login} /><${ProblemNote} error=${loginError} />`;
  }
  const [path, search] = (hash.replace(/^#/, '') || '').split('?');
  const query = new URLSearchParams(search || '');
  const page = PAGES.find((p) => p.path.test(path));
  if (!page) {
    location.replace(HOME[user.role]);
  }
  const allowed = page && page.roles.includes(user.role);
  const nav = PAGES.filter((p) => p.nav && p.roles.includes(user.role));
  return html`<header class="bar">
      <a class="brand" href=${HOME[user.role]}>eventbank</a>
      <nav aria-label="Pages"><ul>${nav.map((p) => html`<li><a href=${p.href}
        aria-current=${page === p ? 'page' : undefined}>${p.nav}</a></li>`)}</ul></nav>
      <span class="who">${user.subject} · <span id="role">${user.role}</span></span>
      <button type="button" id="sign-out" onClick=${() => session.signOut()}>Sign out</button>
    </header>
    <main id="main" tabindex="-1">
      ${page && allowed ? page.view(page.path.exec(path).slice(1), query, user.role) : null}
      ${page && !allowed ? html`<section><h1 id="not-allowed">Not for your role</h1>
        <p>This page is for ${page.roles.join(' and ')}s; you are signed in as a ${user.role}.</p>
        <p><a href=${HOME[user.role]}>Back to your start page</a></p></section>` : null}
    </main>`;
}

session.restore();
render(html`<${App} />`, document.getElementById('app'));
