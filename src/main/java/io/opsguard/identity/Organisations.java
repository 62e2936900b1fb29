package io.opsguard.identity;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Read access to the organisation tree for other modules. */
public interface Organisations {

	Optional<OrganisationView> find(long id);

	/** The organisation and all its descendants. */
	Set<Long> subtree(long id);

	/** From the root down to the organisation itself. */
	List<OrganisationView> path(long id);

	Optional<OrganisationView> findByCode(String code);

	/** Every organisation, enabled or not, in no particular order. */
	List<OrganisationView> all();

	/**
	 * Whether a scope holds every organisation that exists now (a scope of "all", or the subtrees of
	 * every top level): a list may then leave out the scope's condition, which names each of them.
	 */
	boolean coversEverything(DataScope scope);

	/**
	 * The organisation with this code, created under {@code parentCode} (null: a top level) when it
	 * does not exist yet. For system set-up such as demo data; audited without a user.
	 */
	OrganisationView ensure(String parentCode, String code, String name, String type);

	/** An organisation as other modules see it. */
	record OrganisationView(long id, Long parentId, String name, String code, String type, boolean enabled) {
	}

}
