package org.recourse.notification.mail;

import org.recourse.notification.delivery.ConcurrentBatch;
import org.recourse.notification.delivery.DueWork;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The plain-text templates of e-mails (the HTML ones use Boot's Thymeleaf engine). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class MailConfiguration {

	/** The reporter e-mails this replica knows to be due (see {@link DueWork}). */
	@Bean
	DueWork reporterMailDue(MailSettings settings) {
		return new DueWork(DueWork.CAPACITY, settings.scanInterval());
	}

	/**
	 * Sends a poll's e-mails a few at a time, and stops with the service (see
	 * {@link ConcurrentBatch}).
	 */
	@Bean
	ConcurrentBatch reporterMailBatch(MailSettings settings) {
		return new ConcurrentBatch("reporter-mail", settings.concurrency());
	}

	@Bean
	ITemplateEngine mailTextTemplates() {
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
		resolver.setPrefix("templates/");
		resolver.setSuffix(".txt");
		resolver.setTemplateMode(TemplateMode.TEXT);
		resolver.setCharacterEncoding("UTF-8");
		SpringTemplateEngine engine = new SpringTemplateEngine();
		engine.setTemplateResolver(resolver);
		return engine;
	}

}
