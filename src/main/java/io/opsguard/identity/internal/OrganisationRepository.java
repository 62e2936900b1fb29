package io.opsguard.identity.internal;

import org.springframework.data.repository.CrudRepository;

public interface OrganisationRepository extends CrudRepository<Organisation, Long> {

	boolean existsByCode(String code);

}
