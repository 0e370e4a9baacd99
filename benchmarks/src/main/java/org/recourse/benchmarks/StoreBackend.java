package org.recourse.benchmarks;

import java.util.List;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.EmptyIndex;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;

/**
 * mongo-java-server's H2 backend (data in one MVStore file), reporting MongoDB 5.0
 * (current drivers refuse the default 3.6), and opening in time proportional to its
 * indexes rather than to its data. The backend keeps unique indexes but ignores the
 * non-unique ones the services declare for real MongoDB; it stands in an empty
 * placeholder for each, and on every open (and whenever one is declared) it "builds" the
 * placeholder by reading every document of the collection twice. With a million archived
 * cases that was minutes of start-up for nothing. Here the placeholder says it has
 * nothing to build. Queries are unchanged: the placeholder never serves one, as before.
 * <p>
 * The same class as the local stack's {@code org.recourse.localstack.StoreBackend}, so
 * that the benchmark opens its store as the local stack does.
 */
final class StoreBackend extends H2Backend {

	StoreBackend(String file) {
		super(file);
		version(ServerVersion.MONGO_5_0);
	}

	@Override
	protected MongoDatabase openOrCreateDatabase(String databaseName) {
		return new H2Database(databaseName, getMvStore(), getCursorRegistry()) {

			@Override
			protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName,
					List<IndexKey> keys, boolean sparse) {
				return new EmptyIndex<>(indexName, keys) {

					@Override
					public boolean isEmpty() {
						return false;
					}

				};
			}

		};
	}

}
