/**
 * Staff sign-in and who may do what: local users from configuration (local use only) or
 * an OIDC provider, roles owner / compliance / admin, and a separate credential for the
 * Prometheus scrape. Reporters never sign in and never reach this service.
 */
package org.recourse.triage.security;
