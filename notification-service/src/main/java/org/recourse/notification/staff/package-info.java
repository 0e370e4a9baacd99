/**
 * The staff directory: how to reach owners, deputies and the compliance team (e-mail,
 * optional chat webhook, digest preference). Holds staff contact data only; reporters are
 * never in it.
 */
package org.recourse.notification.staff;
