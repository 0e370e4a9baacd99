package org.recourse.triage.registry;

import java.util.List;

import org.springframework.data.mongodb.repository.MongoRepository;

public interface AiSystemRepository extends MongoRepository<AiSystem, String> {

	List<AiSystem> findByListedTrueOrderByNameAsc();

}
