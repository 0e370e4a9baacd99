package org.recourse.triage.escalation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How often the scanner looks ({@code scan-interval}, read by its schedule), how long a
 * breached case waits before it climbs again, how many due cases one query reads, and how
 * often the scanner looks at every working case and rebuilds the queue index even when
 * its schedule says nothing is due (the repair after a crash between two writes).
 */
@ConfigurationProperties("recourse.sla")
record EscalationSettings(@DefaultValue("30s") Duration scanInterval, @DefaultValue("4h") Duration escalationInterval,
		@DefaultValue("100") int batchSize, @DefaultValue("10m") Duration fullScanInterval) {
}
