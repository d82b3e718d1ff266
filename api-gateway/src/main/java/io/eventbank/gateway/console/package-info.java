/** The web console's configuration for the browser (the console itself is built from src/main/webui). */
package io.eventbank.gateway.console;
