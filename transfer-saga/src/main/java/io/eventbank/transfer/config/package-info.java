/** Configuration: the typed configuration mapping and the CDI producers that assemble Axon. */
package io.eventbank.transfer.config;
