/**
 * The chaos suite ({@code ./eventbank chaos}): the whole platform on a private PostgreSQL cluster and a Kafka broker of
 * its own, driven through the public API the way a client drives it, while parts are killed with SIGKILL and started
 * again; afterwards an independent checker that knows only the client's own record of what it sent and what the API
 * answered says whether every cent is where it must be.
 */
package io.eventbank.devstack.chaos;
