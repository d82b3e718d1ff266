// Who is signed in: a bearer token (pasted, from ./eventbank token, or from the OpenID Connect issuer's login flow),
// kept for this browser tab only (sessionStorage), and the role its `groups` claim gives.
import { UserManager } from 'oidc-client-ts';

const KEY = 'eventbank.token';
const ROLES = ['customer', 'operator', 'auditor'];
const listeners = new Set();

function decode(token) {
  const parts = String(token || '').trim().split('.');
  if (parts.length !== 3) {
    throw new Error('A token has three parts separated by dots (header.payload.signature).');
  }
  let claims;
  try {
    const base64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
    claims = JSON.parse(json);
  } catch (e) {
    throw new Error('The token\'s payload is not readable JSON.');
  }
  const groups = Array.isArray(claims.groups) ? claims.groups : [];
  const role = ROLES.find((r) => groups.includes(r));
  if (!role) {
    throw new Error('The token has no console role in its groups claim (customer, operator or auditor).');
  }
  if (typeof claims.exp === 'number' && claims.exp * 1000 <= Date.now()) {
    throw new Error('The token has expired: make a new one.');
  }
  return { role, subject: claims.sub, expiresAt: claims.exp ? new Date(claims.exp * 1000) : null };
}

let current = null;
let notice = null;

function changed() {
  listeners.forEach((listener) => listener());
}

export const session = {
  /** Signs in with a token; throws with a sentence for the user when it cannot be used. */
  signIn(token) {
    const claims = decode(token);
    current = { token: token.trim(), ...claims };
    notice = null;
    sessionStorage.setItem(KEY, current.token);
    changed();
  },
  signOut(why) {
    current = null;
    notice = why || null;
    sessionStorage.removeItem(KEY);
    changed();
  },
  /** The gateway refused the token (401): back to the sign-in page, saying why. */
  expired() {
    if (current) {
      session.signOut('The gateway no longer accepts this token (expired or not valid): sign in again.');
    }
  },
  restore() {
    const token = sessionStorage.getItem(KEY);
    if (token) {
      try {
        session.signIn(token);
      } catch (e) {
        session.signOut(e.message);
      }
    }
  },
  token: () => current && current.token,
  user: () => current,
  notice: () => notice,
  onChange(listener) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

// Sign out when the token expires, so that no page keeps calling with a dead token.
setInterval(() => {
  if (current && current.expiresAt && current.expiresAt.getTime() <= Date.now()) {
    session.signOut('The token has expired: sign in again.');
  }
}, 5000);

/** The external OpenID Connect issuer's login flow (authorization code with PKCE), when the gateway names one. */
export async function oidc() {
  let config;
  try {
    config = await (await fetch('/console/config.json')).json();
  } catch (ignored) {
    return null;
  }
  if (!config.oidc) {
    return null;
  }
  const manager = new UserManager({
    authority: config.oidc.issuer,
    client_id: config.oidc.clientId,
    redirect_uri: `${location.origin}/`,
    response_type: 'code',
    scope: config.oidc.scope,
  });
  const query = new URLSearchParams(location.search);
  if (query.has('code') && query.has('state')) {
    const user = await manager.signinRedirectCallback();
    history.replaceState(null, '', '/');
    session.signIn(user.access_token);
  }
  return { signIn: () => manager.signinRedirect(), issuer: config.oidc.issuer };
}
