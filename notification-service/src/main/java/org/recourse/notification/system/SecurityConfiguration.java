package org.recourse.notification.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * notification-service serves no pages and no API: health is public, the Prometheus
 * scrape needs its own credential (user {@code prometheus},
 * {@code recourse.security.scrape-password}), and everything else is closed.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	static final String CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

	private static final String DEMO_SCRAPE_PASSWORD = "scrape-local-only";

	private static final Logger logger = LoggerFactory.getLogger(SecurityConfiguration.class);

	@Bean
	InMemoryUserDetailsManager scrapeCredential(@Value("${recourse.security.scrape-password:}") String password,
			Environment environment) {
		if (password.isBlank()) {
			logger.warn("No recourse.security.scrape-password: /actuator/prometheus cannot be scraped");
			return new InMemoryUserDetailsManager();
		}
		if (environment.acceptsProfiles(Profiles.of("prod")) && DEMO_SCRAPE_PASSWORD.equals(password)) {
			throw new IllegalStateException("Refusing to start: the 'prod' profile is active and the Prometheus "
					+ "scrape password is the local default. Set RECOURSE_SECURITY_SCRAPE_PASSWORD.");
		}
		return new InMemoryUserDetailsManager(User.withUsername("prometheus")
			.password(PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(password))
			.roles("SCRAPER")
			.build());
	}

	@Bean
	@Order(1)
	SecurityFilterChain actuatorChain(HttpSecurity http) throws Exception {
		http.securityMatcher("/actuator/**")
			.authorizeHttpRequests((requests) -> requests.requestMatchers("/actuator/health", "/actuator/health/**")
				.permitAll()
				.requestMatchers("/actuator/prometheus")
				.hasRole("SCRAPER")
				.anyRequest()
				.denyAll())
			.httpBasic(Customizer.withDefaults())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable());
		return headers(http, CONTENT_SECURITY_POLICY).build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
		// /error stays reachable so that a refusal elsewhere is answered as itself (401),
		// not as a second refusal.
		http.authorizeHttpRequests((requests) -> requests.requestMatchers("/error").permitAll().anyRequest().denyAll())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable());
		return headers(http, CONTENT_SECURITY_POLICY).build();
	}

	private static HttpSecurity headers(HttpSecurity http, String policy) throws Exception {
		return http.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(policy))
			.frameOptions((frames) -> frames.deny())
			.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
			.httpStrictTransportSecurity((hsts) -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000)));
	}

}
