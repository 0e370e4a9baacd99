package org.recourse.notification.owners;

import org.recourse.notification.delivery.ConcurrentBatch;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How staff notices go out. */
@Configuration(proxyBeanMethods = false)
class StaffNoticeConfiguration {

	/**
	 * Sends a poll's notices a few at a time, and stops with the service (see
	 * {@link ConcurrentBatch}).
	 */
	@Bean
	ConcurrentBatch staffNoticeBatch(StaffNoticeSettings settings) {
		return new ConcurrentBatch("staff-notices", settings.concurrency());
	}

}
