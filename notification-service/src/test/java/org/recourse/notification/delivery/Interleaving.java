package org.recourse.notification.delivery;

import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Another replica's view of the same store, for claim races: right after that replica's
 * first read by _id, {@code meanwhile} runs, as if a second replica wrote between the
 * first one's read and its write.
 */
public final class Interleaving {

	private Interleaving() {
	}

	public static MongoTemplate afterFirstRead(MongoTemplate store, Runnable meanwhile) {
		AtomicBoolean ran = new AtomicBoolean();
		return new MongoTemplate(store.getMongoDatabaseFactory(), store.getConverter()) {

			@Override
			public <T> T findById(Object key, Class<T> type, String collection) {
				T read = super.findById(key, type, collection);
				if (ran.compareAndSet(false, true)) {
					meanwhile.run();
				}
				return read;
			}

		};
	}

}
