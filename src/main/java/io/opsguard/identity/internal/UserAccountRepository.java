package io.opsguard.identity.internal;

import java.util.Optional;

import org.springframework.data.repository.CrudRepository;

interface UserAccountRepository extends CrudRepository<UserAccount, Long> {

	Optional<UserAccount> findByUsername(String username);

	boolean existsByUsername(String username);

}
