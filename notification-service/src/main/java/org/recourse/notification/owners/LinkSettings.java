package org.recourse.notification.owners;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code recourse.links.*}: where staff open a case
 * ({@code <triage-base-url>/cases/{caseId}}, the owner's case page in triage).
 */
@ConfigurationProperties("recourse.links")
record LinkSettings(@DefaultValue("http://localhost:8081") String triageBaseUrl) {
}
