// How the console writes what the API answers.
export function time(instant) {
  if (!instant) {
    return '–';
  }
  const date = new Date(instant);
  return date.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });
}

export function clock(instant) {
  return instant ? new Date(instant).toLocaleTimeString() : '–';
}

export function money(amount, currency) {
  return amount === null || amount === undefined ? '–' : `${amount} ${currency || ''}`.trim();
}

export function printedIban(iban) {
  return String(iban || '').replace(/(.{4})/g, '$1 ').trim();
}

export function duration(seconds) {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) {
    return '–';
  }
  if (seconds < 60) {
    return `${Math.round(seconds)} s`;
  }
  if (seconds < 3600) {
    return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
  }
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
}

const REASONS = {
  INSUFFICIENT_FUNDS: 'the debtor\'s account did not have the funds (with its overdraft limit)',
  ACCOUNT_FROZEN: 'an account of the transfer is frozen',
  ACCOUNT_CLOSED: 'an account of the transfer is closed',
  UNKNOWN_ACCOUNT: 'the creditor\'s account does not exist',
  CURRENCY_MISMATCH: 'the accounts keep another currency than the transfer\'s',
  REJECTED_BY_CLEARING: 'the receiving bank rejected it; the amount was refunded',
  TIMED_OUT: 'it was not answered in time; the amount was refunded',
};

export function reason(code) {
  return code ? `${code}: ${REASONS[code] || 'see the timeline'}` : '';
}
