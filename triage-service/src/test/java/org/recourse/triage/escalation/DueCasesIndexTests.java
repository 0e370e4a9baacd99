package org.recourse.triage.escalation;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.recourse.triage.cases.Case;

import org.springframework.data.mongodb.core.convert.MongoCustomConversions;
import org.springframework.data.mongodb.core.index.IndexResolver;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scanner's query ({@code nextCheckAt <= now}, sorted by it) is served by an index,
 * so a scan reads the cases that are due and no others. The embedded test store ignores
 * secondary indexes, hence this check on the mapping.
 */
class DueCasesIndexTests {

	@Test
	void indexesTheNextCheckTime() {
		MongoMappingContext mapping = new MongoMappingContext();
		mapping.setSimpleTypeHolder(new MongoCustomConversions(List.of()).getSimpleTypeHolder());
		IndexResolver resolver = IndexResolver.create(mapping);

		assertThat(resolver.resolveIndexFor(Case.class))
			.anySatisfy((index) -> assertThat(index.getIndexKeys().keySet()).containsExactly("nextCheckAt"));
	}

}
