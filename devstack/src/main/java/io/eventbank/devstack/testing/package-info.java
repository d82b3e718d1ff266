/**
 * What every service's tests share: the messaging probe, the infrastructure contract each service must pass, and
 * the architecture rules. Only the services' test classpaths use this package.
 */
package io.eventbank.devstack.testing;
