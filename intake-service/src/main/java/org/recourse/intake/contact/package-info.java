/**
 * Seals a reporter's optional contact for notification-service before it leaves this
 * service. Intake holds only the public half of the key pair, so it can seal but never
 * read; what it seals is never stored here in the clear.
 */
package org.recourse.intake.contact;
