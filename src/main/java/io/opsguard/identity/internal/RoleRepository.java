package io.opsguard.identity.internal;

import java.util.Optional;

import org.springframework.data.repository.CrudRepository;

interface RoleRepository extends CrudRepository<Role, Long> {

	Optional<Role> findByCode(String code);

	boolean existsByCode(String code);

}
