/**
 * What every delivery (reporter e-mail, staff e-mail, staff webhook) has in common: the
 * channels and audiences, failure categories that are safe to publish, and the outcome of
 * each attempt as an event on {@code recourse.notification-outcomes} (dead letters on
 * {@code recourse.notifications.DLT}) and as the metric
 * {@code recourse_notifications_total{channel, audience, outcome}}.
 */
package org.recourse.notification.delivery;
