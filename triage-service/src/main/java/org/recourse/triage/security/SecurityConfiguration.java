package org.recourse.triage.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Three filter chains. {@code /actuator/**}: health is public, the Prometheus scrape
 * needs the scrape credential, everything else compliance or admin. {@code /api/**}:
 * stateless, HTTP Basic for local users or bearer tokens from the OIDC provider, refusals
 * as {@code application/problem+json}; only the public list of AI systems is open. Pages:
 * a session after form sign-in (local) or OIDC login, CSRF on every form. All answers
 * carry a CSP without inline scripts or styles, frame denial, no referrer, and HSTS on
 * HTTPS.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecuritySettings.class)
class SecurityConfiguration {

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

	private static final String OWNER = StaffRole.OWNER.name();

	private static final String COMPLIANCE = StaffRole.COMPLIANCE.name();

	private static final String ADMIN = StaffRole.ADMIN.name();

	private final SecuritySettings settings;

	SecurityConfiguration(SecuritySettings settings) {
		this.settings = settings;
	}

	@Bean
	InMemoryUserDetailsManager localUsers(Environment environment) {
		return LocalUsers.from(this.settings, environment);
	}

	@Bean
	@Order(1)
	SecurityFilterChain actuatorChain(HttpSecurity http) throws Exception {
		http.securityMatcher("/actuator/**")
			.authorizeHttpRequests((requests) -> requests.requestMatchers("/actuator/health", "/actuator/health/**")
				.permitAll()
				.requestMatchers("/actuator/prometheus")
				.hasRole(StaffRole.SCRAPER.name())
				.anyRequest()
				.hasAnyRole(COMPLIANCE, ADMIN))
			.httpBasic((basic) -> basic.authenticationEntryPoint(
					problem(401, "Sign in required", "This endpoint needs the scrape credential or a staff sign-in.")));
		stateless(http);
		bearerTokens(http);
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain apiChain(HttpSecurity http) throws Exception {
		http.securityMatcher("/api/**")
			.authorizeHttpRequests((requests) -> requests.requestMatchers(HttpMethod.GET, "/api/v1/systems")
				.permitAll()
				.requestMatchers("/api/v1/registry/**")
				.hasRole(ADMIN)
				.requestMatchers("/api/v1/audit", "/api/v1/audit/**")
				.hasRole(COMPLIANCE)
				.requestMatchers("/api/v1/cases", "/api/v1/cases/**")
				.hasAnyRole(OWNER, COMPLIANCE)
				.anyRequest()
				.denyAll());
		if (this.settings.mode() == SecuritySettings.Mode.LOCAL) {
			http.httpBasic((basic) -> basic.authenticationEntryPoint(
					problem(401, "Sign in required", "Send your staff credentials (HTTP Basic) or a bearer token.")));
		}
		stateless(http);
		bearerTokens(http);
		return http.build();
	}

	@Bean
	@Order(3)
	SecurityFilterChain pageChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests.requestMatchers("/login", "/css/**", "/error")
			.permitAll()
			.requestMatchers("/admin", "/admin/**")
			.hasRole(ADMIN)
			.requestMatchers("/audit", "/audit/**")
			.hasRole(COMPLIANCE)
			.requestMatchers("/cases", "/cases/**")
			.hasAnyRole(OWNER, COMPLIANCE)
			.anyRequest()
			.hasAnyRole(OWNER, COMPLIANCE, ADMIN));
		if (this.settings.mode() == SecuritySettings.Mode.LOCAL) {
			http.formLogin((form) -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll());
		}
		else {
			http.oauth2Login(
					(login) -> login.userInfoEndpoint((userInfo) -> userInfo.userAuthoritiesMapper(oidcAuthorities())));
		}
		http.logout((logout) -> logout.logoutSuccessUrl("/login?signed-out"));
		hardened(http);
		return http.build();
	}

	private void stateless(HttpSecurity http) throws Exception {
		// No cookies are accepted on these chains, so there is nothing for CSRF to ride
		// on.
		http.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable())
			.requestCache((cache) -> cache.disable())
			.exceptionHandling((handling) -> handling.accessDeniedHandler(denied()));
		hardened(http);
	}

	private void bearerTokens(HttpSecurity http) throws Exception {
		if (this.settings.mode() == SecuritySettings.Mode.OIDC) {
			JwtAuthenticationConverter tokens = new JwtAuthenticationConverter();
			ClaimRoles roles = new ClaimRoles(this.settings.rolesClaim());
			tokens.setJwtGrantedAuthoritiesConverter((jwt) -> Set.copyOf(roles.from(jwt.getClaims())));
			tokens.setPrincipalClaimName("preferred_username");
			http.oauth2ResourceServer((server) -> server.jwt((jwt) -> jwt.jwtAuthenticationConverter(tokens))
				.authenticationEntryPoint(
						problem(401, "Sign in required", "Send a bearer token from the staff sign-in provider.")));
		}
	}

	private static void hardened(HttpSecurity http) throws Exception {
		http.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
			.frameOptions((frames) -> frames.deny())
			.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
			.httpStrictTransportSecurity((hsts) -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000))
			.contentTypeOptions(Customizer.withDefaults()));
	}

	private GrantedAuthoritiesMapper oidcAuthorities() {
		ClaimRoles roles = new ClaimRoles(this.settings.rolesClaim());
		return (authorities) -> {
			Set<GrantedAuthority> mapped = new HashSet<>();
			for (GrantedAuthority authority : authorities) {
				if (authority instanceof OidcUserAuthority oidc) {
					mapped.addAll(roles.from(oidc.getIdToken().getClaims()));
					if (oidc.getUserInfo() != null) {
						mapped.addAll(roles.from(oidc.getUserInfo().getClaims()));
					}
				}
			}
			return mapped;
		};
	}

	private static AuthenticationEntryPoint problem(int status, String title, String detail) {
		return (request, response, ex) -> {
			if (status == 401) {
				response.setHeader("WWW-Authenticate", "Basic realm=\"recourse\"");
			}
			write(response, status, title, detail);
		};
	}

	private static AccessDeniedHandler denied() {
		return (request, response, ex) -> write(response, 403, "Not allowed",
				"Your role does not allow this. Ask an admin if you think it should.");
	}

	private static void write(HttpServletResponse response, int status, String title, String detail)
			throws IOException {
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getOutputStream()
			.write(("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
					+ detail + "\"}")
				.getBytes(StandardCharsets.UTF_8));
	}

}
