package org.recourse.localstack;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.EmptyIndex;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

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
 * The history benchmark ({@code benchmarks}) opens its store with this class too.
 */
public final class StoreBackend extends H2Backend {

	private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify", "createindexes",
			"dropindexes", "drop", "dropdatabase", "create", "renamecollection");

	private final boolean journal;

	private final StoreStats stats;

	public StoreBackend(String file) {
		this(file, false, null);
	}

	/**
	 * With {@code journal}, every command that changes data is committed to the file
	 * before it is answered (see {@link EmbeddedStore}); with {@code stats}, each
	 * command's time is counted there.
	 */
	StoreBackend(String file, boolean journal, StoreStats stats) {
		super(file);
		this.journal = journal;
		this.stats = stats;
		version(ServerVersion.MONGO_5_0);
	}

	@Override
	public Document handleCommand(Channel channel, String database, String command, Document query) {
		long start = (this.stats != null) ? System.nanoTime() : 0;
		Document answer = super.handleCommand(channel, database, command, query);
		if (this.stats != null) {
			this.stats.record(database, command, query, System.nanoTime() - start);
		}
		if (this.journal && WRITES.contains(command.toLowerCase(Locale.ROOT))) {
			getMvStore().commit();
		}
		return answer;
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
