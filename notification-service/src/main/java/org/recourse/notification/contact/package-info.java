/**
 * The contact vault: the only place a reporter's e-mail exists. Contacts arrive sealed
 * for this service (Tink hybrid encryption) on reporter-contact-registered, are opened
 * and immediately re-encrypted at rest under the vault keyset (Tink AEAD; rotation: add a
 * key and make it primary, old entries stay readable), keyed by the opaque reporter
 * reference.
 */
package org.recourse.notification.contact;
