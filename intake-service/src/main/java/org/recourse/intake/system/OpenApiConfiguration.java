package org.recourse.intake.system;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The description served at {@code /v3/api-docs} (and browsable at
 * {@code /swagger-ui.html}).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI intakeApi() {
		return new OpenAPI().info(new Info().title("Recourse intake API")
			.version("v1")
			.description("Report a wrong or harmful AI output without identifying yourself, then follow it with the"
					+ " receipt code. Receipt codes travel only in request bodies, never in URLs. Errors are"
					+ " application/problem+json. Send an Idempotency-Key header (a UUID) with a submission to make"
					+ " retries safe: a retry returns the first receipt instead of filing a second report."));
	}

}
