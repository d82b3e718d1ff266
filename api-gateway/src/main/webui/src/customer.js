// A customer's pages: its accounts, an account's statement, opening an account, and a transfer form that follows the
// transfer until it is final.
import { useEffect, useState } from 'preact/hooks';
import { electronicFormatIBAN, validateIBAN, ValidationErrorsIBAN } from 'ibantools';
import { get, newKey, post } from './api.js';
import { money, printedIban, reason, time } from './format.js';
import { Empty, Field, ProblemNote, Status, html, useLoad } from './ui.js';

const CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF'];

export function AccountsPage() {
  const [accounts, error, reload] = useLoad(() => get('/accounts', { limit: 500 }), [], 10000);
  return html`<section aria-labelledby="accounts-title">
    <h1 id="accounts-title">Your accounts</h1>
    <${ProblemNote} error=${error} />
    ${accounts && accounts.items.length === 0 ? html`<${Empty}>You have no account yet: open one below.<//>` : null}
    ${accounts && accounts.items.length > 0 ? html`<table class="list" id="accounts">
      <caption class="visually-hidden">Your accounts and their balances</caption>
      <thead><tr><th scope="col">IBAN</th><th scope="col">Owner</th><th scope="col">Bank</th>
        <th scope="col" class="number">Balance</th><th scope="col">Status</th></tr></thead>
      <tbody>${accounts.items.map((a) => html`<tr data-iban=${a.iban}>
        <td><a href=${`#/accounts/${a.iban}`}>${printedIban(a.iban)}</a></td>
        <td>${a.owner}</td><td>${a.bankCode}</td>
        <td class="number balance">${money(a.balance, a.currency)}</td>
        <td><${Status} status=${a.status} /></td></tr>`)}</tbody>
    </table>` : null}
    <${OpenAccount} onOpened=${reload} />
  </section>`;
}

function OpenAccount({ onOpened }) {
  const [banks] = useLoad(() => get('/banks'), []);
  const [form, setForm] = useState({ owner: '', currency: 'EUR', bankCode: '' });
  const [state, setState] = useState({ busy: false, error: null, opened: null, key: newKey() });
  const submit = async (event) => {
    event.preventDefault();
    setState({ ...state, busy: true, error: null });
    try {
      const body = { owner: form.owner, currency: form.currency };
      if (form.bankCode) {
        body.bankCode = form.bankCode;
      }
      const account = await post('/accounts', body, { key: state.key });
      setState({ busy: false, error: null, opened: account, key: newKey() });
      setForm({ ...form, owner: '' });
      onOpened();
    } catch (error) {
      // the same key again on a retry of this form: a lost answer never opens a second account
      setState({ ...state, busy: false, error });
    }
  };
  const set = (name) => (event) => setForm({ ...form, [name]: event.target.value });
  return html`<form class="panel" onSubmit=${submit} aria-labelledby="open-title">
    <h2 id="open-title">Open an account</h2>
    <${Field} label="Owner's name" id="open-owner" hint="As it appears on statements, at most 140 characters">
      <input id="open-owner" name="owner" required maxlength="140" value=${form.owner} onInput=${set('owner')}
        aria-describedby="open-owner-hint" />
    <//>
    <${Field} label="Currency" id="open-currency">
      <select id="open-currency" value=${form.currency} onChange=${set('currency')}>
        ${CURRENCIES.map((c) => html`<option value=${c}>${c}</option>`)}
      </select>
    <//>
    <${Field} label="Bank" id="open-bank">
      <select id="open-bank" value=${form.bankCode} onChange=${set('bankCode')}>
        <option value="">The platform's first bank</option>
        ${banks ? banks.items.map((b) => html`<option value=${b.bankCode}>${b.name} (${b.bankCode})</option>`) : null}
      </select>
    <//>
    <button type="submit" disabled=${state.busy}>${state.busy ? 'Opening…' : 'Open the account'}</button>
    <${ProblemNote} error=${state.error} />
    ${state.opened ? html`<p class="done" role="status">Opened ${printedIban(state.opened.iban)}.</p>` : null}
  </form>`;
}

export function AccountPage({ iban }) {
  const [account, error] = useLoad(() => get(`/accounts/${iban}`), [iban], 5000);
  const [pages, setPages] = useState({ lines: [], next: null, error: null, loaded: false });
  const load = async (cursor) => {
    try {
      const page = await get(`/accounts/${iban}/transactions`, { limit: 20, cursor });
      setPages((before) => ({
        lines: cursor ? [...before.lines, ...page.items] : page.items, next: page.next, error: null, loaded: true,
      }));
    } catch (e) {
      setPages((before) => ({ ...before, error: e, loaded: true }));
    }
  };
  useEffect(() => { load(null); }, [iban]);
  return html`<section aria-labelledby="account-title">
    <h1 id="account-title">Account ${printedIban(iban)}</h1>
    <${ProblemNote} error=${error} />
    ${account ? html`<dl class="facts">
      <dt>Owner</dt><dd>${account.owner}</dd>
      <dt>Balance</dt><dd id="account-balance" class="balance">${money(account.balance, account.currency)}</dd>
      <dt>Overdraft limit</dt><dd>${money(account.overdraftLimit, account.currency)}</dd>
      <dt>Status</dt><dd><${Status} status=${account.status} /></dd>
      <dt>Bank</dt><dd>${account.bankCode} (${account.bic})</dd>
      <dt>Opened</dt><dd>${time(account.openedAt)}</dd>
    </dl>
    <p><a class="button" href=${`#/transfer?from=${iban}`}>Send money from this account</a></p>` : null}
    <h2>Statement</h2>
    <${ProblemNote} error=${pages.error} />
    ${pages.loaded && pages.lines.length === 0 ? html`<${Empty}>No movements yet.<//>` : null}
    ${pages.lines.length > 0 ? html`<table class="list" id="statement">
      <caption class="visually-hidden">Statement, newest first</caption>
      <thead><tr><th scope="col">When</th><th scope="col">What</th><th scope="col">Counterparty</th>
        <th scope="col">Reference</th><th scope="col" class="number">Amount</th>
        <th scope="col" class="number">Balance after</th></tr></thead>
      <tbody>${pages.lines.map((l) => html`<tr>
        <td>${time(l.at)}</td><td>${l.kind.replace('_', ' ').toLowerCase()}</td>
        <td>${l.counterparty ? printedIban(l.counterparty) : '–'}</td><td>${l.reference || ''}</td>
        <td class="number">${money(l.amount, l.currency)}</td>
        <td class="number">${money(l.balanceAfter, l.currency)}</td></tr>`)}</tbody>
    </table>` : null}
    ${pages.next ? html`<button type="button" onClick=${() => load(pages.next)}>Older movements</button>` : null}
  </section>`;
}

const IBAN_ERRORS = {
  [ValidationErrorsIBAN.NoIBANProvided]: 'Type the IBAN.',
  [ValidationErrorsIBAN.NoIBANCountry]: 'The first two letters are not a country that issues IBANs.',
  [ValidationErrorsIBAN.WrongBBANLength]: 'An IBAN of this country has another length.',
  [ValidationErrorsIBAN.WrongBBANFormat]: 'This is not the layout of this country\'s IBANs.',
  [ValidationErrorsIBAN.ChecksumNotNumber]: 'The third and fourth characters are check digits.',
  [ValidationErrorsIBAN.WrongIBANChecksum]: 'The check digits do not match: a character is wrong or missing.',
};

/** Why a typed IBAN is not one (the checks ISO 13616 defines), or null when it may be one. */
export function ibanProblem(typed) {
  const iban = electronicFormatIBAN(typed || '') || '';
  const result = validateIBAN(iban);
  const known = result.errorCodes.filter((code) => IBAN_ERRORS[code]);
  return known.length ? IBAN_ERRORS[known[0]] : null;
}

const AMOUNT = /^(0|[1-9][0-9]{0,14})(\.[0-9]{1,2})?$/;

function amountProblem(amount) {
  if (!amount) {
    return 'Type the amount.';
  }
  if (!AMOUNT.test(amount)) {
    return 'A decimal amount with a dot and at most two decimals, such as 12.50.';
  }
  return Number(amount) > 0 ? null : 'The amount is more than zero.';
}

export function TransferPage({ query }) {
  const [accounts, , reloadAccounts] = useLoad(() => get('/accounts', { limit: 500 }), []);
  const [form, setForm] = useState({ debtorIban: query.get('from') || '', creditorIban: '', amount: '',
    reference: '' });
  const [touched, setTouched] = useState({});
  const [state, setState] = useState({ busy: false, error: null, transfer: null, key: newKey() });
  const own = accounts ? accounts.items.filter((a) => a.status === 'OPEN') : [];
  const debtor = own.find((a) => a.iban === form.debtorIban) || own[0];
  const problems = { creditorIban: ibanProblem(form.creditorIban), amount: amountProblem(form.amount) };
  const set = (name) => (event) => {
    setForm({ ...form, [name]: event.target.value });
    setTouched({ ...touched, [name]: true });
  };
  const submit = async (event) => {
    event.preventDefault();
    setTouched({ creditorIban: true, amount: true });
    if (!debtor || problems.creditorIban || problems.amount) {
      return;
    }
    setState({ ...state, busy: true, error: null, transfer: null });
    try {
      const body = { debtorIban: debtor.iban, creditorIban: electronicFormatIBAN(form.creditorIban),
        amount: form.amount, currency: debtor.currency };
      if (form.reference) {
        body.reference = form.reference;
      }
      const transfer = await post('/transfers', body, { key: state.key });
      setState({ busy: false, error: null, transfer, key: newKey() });
    } catch (error) {
      setState({ ...state, busy: false, error });
    }
  };
  const shown = (name) => touched[name] && problems[name];
  return html`<section aria-labelledby="transfer-title">
    <h1 id="transfer-title">Send money</h1>
    ${accounts && own.length === 0 ? html`<${Empty}>You need an open account first.<//>` : null}
    <form class="panel" onSubmit=${submit} noValidate>
      <${Field} label="From" id="transfer-from">
        <select id="transfer-from" value=${debtor ? debtor.iban : ''} onChange=${set('debtorIban')}>
          ${own.map((a) => html`<option value=${a.iban}>${printedIban(a.iban)} · ${money(a.balance, a.currency)}</option>`)}
        </select>
      <//>
      <${Field} label="To (IBAN)" id="transfer-to" hint="Checked as you type: country, length, layout and check digits"
        error=${shown('creditorIban')}>
        <input id="transfer-to" name="creditorIban" autocomplete="off" spellcheck="false" value=${form.creditorIban}
          onInput=${set('creditorIban')} aria-invalid=${shown('creditorIban') ? 'true' : 'false'}
          aria-describedby=${shown('creditorIban') ? 'transfer-to-error' : 'transfer-to-hint'} />
      <//>
      ${touched.creditorIban && !problems.creditorIban
        ? html`<p class="ok" id="transfer-to-ok">${printedIban(electronicFormatIBAN(form.creditorIban))} looks right.</p>`
        : null}
      <${Field} label=${`Amount${debtor ? ` (${debtor.currency})` : ''}`} id="transfer-amount"
        hint="A decimal, such as 12.50" error=${shown('amount')}>
        <input id="transfer-amount" name="amount" inputmode="decimal" autocomplete="off" value=${form.amount}
          onInput=${set('amount')} aria-invalid=${shown('amount') ? 'true' : 'false'}
          aria-describedby=${shown('amount') ? 'transfer-amount-error' : 'transfer-amount-hint'} />
      <//>
      <${Field} label="Reference (optional)" id="transfer-reference">
        <input id="transfer-reference" name="reference" maxlength="140" value=${form.reference}
          onInput=${set('reference')} />
      <//>
      <button type="submit" id="transfer-send" disabled=${state.busy || !debtor}>
        ${state.busy ? 'Sending…' : 'Send'}</button>
      <${ProblemNote} error=${state.error} />
    </form>
    ${state.transfer ? html`<${TransferProgress} first=${state.transfer} onFinal=${reloadAccounts} />` : null}
  </section>`;
}

/** A transfer, read again and again until it is final: its status, timeline and what went wrong. */
export function TransferProgress({ first, onFinal }) {
  const [transfer, setTransfer] = useState(first);
  const [error, setError] = useState(null);
  useEffect(() => {
    let stopped = false;
    const started = Date.now();
    const follow = async () => {
      let current = first;
      while (!stopped && !['COMPLETED', 'FAILED'].includes(current.status) && Date.now() - started < 120000) {
        await new Promise((resolve) => setTimeout(resolve, 400));
        try {
          current = await get(`/transfers/${first.transferId}`);
          if (!stopped) {
            setTransfer(current);
            setError(null);
          }
        } catch (e) {
          if (!stopped) {
            setError(e);
          }
        }
      }
      if (!stopped && onFinal) {
        onFinal(current);
      }
    };
    follow();
    return () => { stopped = true; };
  }, [first.transferId]);
  const final = ['COMPLETED', 'FAILED'].includes(transfer.status);
  return html`<section class="panel" id="transfer-progress" aria-labelledby="progress-title">
    <h2 id="progress-title">Transfer ${transfer.transferId}</h2>
    <p role="status" aria-live="polite">
      <span id="transfer-status"><${Status} status=${transfer.status} /></span>
      ${' '}${money(transfer.amount, transfer.currency)} to ${printedIban(transfer.creditorIban)}
      ${final ? '' : ' · following it until it is final…'}
    </p>
    ${transfer.failureReason ? html`<p class="problem" id="transfer-failure">Failed: ${reason(transfer.failureReason)}</p>`
      : null}
    <ol class="timeline">${(transfer.timeline || []).map((t) => html`<li>
      <time datetime=${t.at}>${time(t.at)}</time> ${t.type.replace(/Event$/, '').replace(/([a-z])([A-Z])/g, '$1 $2')}
    </li>`)}</ol>
    <${ProblemNote} error=${error} />
  </section>`;
}
