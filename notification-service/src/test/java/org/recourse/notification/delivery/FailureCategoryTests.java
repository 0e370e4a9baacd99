package org.recourse.notification.delivery;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.Map;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import org.junit.jupiter.api.Test;

import org.springframework.mail.MailSendException;

import static org.assertj.core.api.Assertions.assertThat;

class FailureCategoryTests {

	@Test
	void namesAMailServerThatCannotBeReachedAConnectionFailure() {
		MailSendException refused = new MailSendException("Mail server connection failed",
				new MessagingException("Couldn't connect", new ConnectException("refused")),
				Map.of(new Object(), new MessagingException("Couldn't connect", new ConnectException("refused"))));

		assertThat(FailureCategory.of(refused)).isEqualTo(FailureCategory.CONNECTION);
	}

	@Test
	void tellsTimeoutsRejectionsAndBadAddressesApart() {
		assertThat(FailureCategory.of(new MessagingException("slow", new SocketTimeoutException())))
			.isEqualTo(FailureCategory.TIMEOUT);
		assertThat(FailureCategory.of(new SendFailedException("550 someone@example.org unknown")))
			.isEqualTo(FailureCategory.REJECTED);
		assertThat(FailureCategory.of(new AddressException("bad"))).isEqualTo(FailureCategory.INVALID_ADDRESS);
		assertThat(FailureCategory.of(new IllegalStateException("?"))).isEqualTo(FailureCategory.OTHER);
	}

	@Test
	void givesUpAtOnceOnlyOnFailuresThatCannotHeal() {
		assertThat(FailureCategory.values()).filteredOn(FailureCategory::permanent)
			.containsExactlyInAnyOrder(FailureCategory.INVALID_ADDRESS, FailureCategory.HTTP_CLIENT_ERROR,
					FailureCategory.UNKNOWN_RECIPIENT, FailureCategory.UNDECRYPTABLE_CONTACT);
	}

}
