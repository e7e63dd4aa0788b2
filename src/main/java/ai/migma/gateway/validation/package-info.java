/**
 * The SDK's {@code validation} resource: compatibility, links, spelling and deliverability of an email's HTML,
 * computed from the HTML alone with shipped tables and lists. Nothing here touches the network or the database,
 * so the same input always gives the same report (apart from the measured processing times).
 */
package ai.migma.gateway.validation;
