/** ./eventbank's operator commands: thin clients of the public API. */
package io.eventbank.devstack.cli;
