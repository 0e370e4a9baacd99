package org.recourse.triage.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.recourse.events.testing.EmbeddedMongo;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Production sign-in: under the {@code oidc} profile the APIs take the provider's signed
 * access tokens, roles come from {@code realm_access.roles} and the staff id from
 * {@code preferred_username}; pages send the browser to the provider; local users and
 * their passwords are gone. The provider is replaced by a key pair this test signs with.
 * With the {@code prod} profile, over a real port: session cookies are Secure and
 * HttpOnly, and a request that came through the TLS proxy gets HSTS.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
				"recourse.topics.partitions=1", "RECOURSE_OIDC_CLIENT_SECRET=test-secret",
				"recourse.oidc.issuer=https://id.recourse.example/realms/recourse",
				"recourse.security.scrape-password=a-real-scrape-secret" })
@EmbeddedKafka(partitions = 1)
@AutoConfigureMockMvc
@ActiveProfiles({ "oidc", "prod" })
@DirtiesContext
class OidcSignInTests {

	private static final EmbeddedMongo mongo = EmbeddedMongo.start();

	private static final KeyPair PROVIDER = keyPair();

	private static final KeyPair IMPOSTOR = keyPair();

	@Autowired
	MockMvc mvc;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void store(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> mongo.uri("recourse_triage"));
	}

	@Test
	void apisTakeTheProvidersTokensWithRolesFromTheirClaims() throws Exception {
		assertThat(status("/api/v1/cases", token(PROVIDER, "alice.owner", "owner"))).isEqualTo(200);
		assertThat(status("/api/v1/cases?owner=bob.owner", token(PROVIDER, "alice.owner", "owner"))).isEqualTo(403);
		assertThat(status("/api/v1/cases?queue=GOVERNANCE", token(PROVIDER, "casey", "compliance"))).isEqualTo(200);
		assertThat(status("/api/v1/registry/systems", token(PROVIDER, "ada", "admin"))).isEqualTo(200);
		assertThat(status("/api/v1/registry/systems", token(PROVIDER, "alice.owner", "owner"))).isEqualTo(403);
		assertThat(status("/api/v1/cases", token(PROVIDER, "mallory", "offline_access"))).isEqualTo(403);
	}

	@Test
	void forgedExpiredOrMissingTokensAndLocalPasswordsAreRefused() throws Exception {
		assertThat(status("/api/v1/cases", token(IMPOSTOR, "alice.owner", "owner"))).isEqualTo(401);
		assertThat(status("/api/v1/cases", expiredToken())).isEqualTo(401);
		assertThat(status("/api/v1/cases", null)).isEqualTo(401);
		assertThat(this.mvc
			.perform(get("/api/v1/cases").header("Authorization", "Basic YWxpY2Uub3duZXI6cmVjb3Vyc2UtZGVtbw=="))
			.andReturn()
			.getResponse()
			.getStatus()).as("alice.owner:recourse-demo means nothing under OIDC").isEqualTo(401);
	}

	@Test
	void pagesSendTheBrowserToTheProvider() throws Exception {
		var cases = this.mvc.perform(get("/cases")).andReturn().getResponse();
		assertThat(cases.getStatus()).isEqualTo(302);
		var start = this.mvc.perform(get("/oauth2/authorization/recourse")).andReturn().getResponse();
		assertThat(start.getRedirectedUrl())
			.startsWith("https://id.recourse.example/realms/recourse/protocol/openid-connect/auth?")
			.contains("client_id=recourse-triage");
	}

	@Test
	void inProductionSessionCookiesAreSecureAndHttpsAnswersCarryHsts() throws Exception {
		HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
		HttpResponse<Void> viaProxy = http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/cases"))
				.header("X-Forwarded-Proto", "https")
				.build(), HttpResponse.BodyHandlers.discarding());

		assertThat(viaProxy.statusCode()).isEqualTo(302);
		assertThat(viaProxy.headers().firstValue("Strict-Transport-Security"))
			.hasValueSatisfying((hsts) -> assertThat(hsts).contains("max-age=31536000").contains("includeSubDomains"));
		assertThat(viaProxy.headers().allValues("Set-Cookie"))
			.anySatisfy((cookie) -> assertThat(cookie).startsWith("RECOURSE_STAFF=")
				.contains("Secure")
				.contains("HttpOnly")
				.contains("SameSite=Lax"));
		HttpResponse<Void> plain = http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/login")).build(),
				HttpResponse.BodyHandlers.discarding());
		assertThat(plain.headers().firstValue("Strict-Transport-Security")).isEmpty();
	}

	private int status(String path, String token) throws Exception {
		var request = get(path);
		if (token != null) {
			request = request.header("Authorization", "Bearer " + token);
		}
		return this.mvc.perform(request).andReturn().getResponse().getStatus();
	}

	private static String token(KeyPair signer, String user, String... roles) throws Exception {
		return sign(signer,
				new JWTClaimsSet.Builder().issuer("https://id.recourse.example/realms/recourse")
					.subject("subject-of-" + user)
					.claim("preferred_username", user)
					.claim("realm_access", Map.of("roles", List.of(roles)))
					.issueTime(new Date())
					.expirationTime(Date.from(Instant.now().plusSeconds(300)))
					.build());
	}

	private static String expiredToken() throws Exception {
		return sign(PROVIDER,
				new JWTClaimsSet.Builder().issuer("https://id.recourse.example/realms/recourse")
					.claim("preferred_username", "alice.owner")
					.claim("realm_access", Map.of("roles", List.of("owner")))
					.issueTime(Date.from(Instant.now().minusSeconds(7200)))
					.expirationTime(Date.from(Instant.now().minusSeconds(3600)))
					.build());
	}

	private static String sign(KeyPair signer, JWTClaimsSet claims) throws Exception {
		SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
		jwt.sign(new RSASSASigner(signer.getPrivate()));
		return jwt.serialize();
	}

	private static KeyPair keyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Provider {

		@Bean
		JwtDecoder jwtDecoder() {
			NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey((RSAPublicKey) PROVIDER.getPublic()).build();
			decoder.setJwtValidator(org.springframework.security.oauth2.jwt.JwtValidators
				.createDefaultWithIssuer("https://id.recourse.example/realms/recourse"));
			return decoder;
		}

	}

}
