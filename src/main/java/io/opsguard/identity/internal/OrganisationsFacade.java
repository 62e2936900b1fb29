package io.opsguard.identity.internal;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.opsguard.identity.Organisations;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The {@link Organisations} other modules use: reads from the in-memory tree. */
@Component
class OrganisationsFacade implements Organisations {

	private final OrganisationTree tree;

	private final OrganisationService service;

	OrganisationsFacade(OrganisationTree tree, OrganisationService service) {
		this.tree = tree;
		this.service = service;
	}

	@Override
	public Optional<OrganisationView> find(long id) {
		return this.tree.find(id);
	}

	@Override
	public Set<Long> subtree(long id) {
		return this.tree.subtree(id);
	}

	@Override
	public List<OrganisationView> path(long id) {
		return this.tree.path(id);
	}

	@Override
	public Optional<OrganisationView> findByCode(String code) {
		return this.tree.findByCode(code);
	}

	@Override
	public List<OrganisationView> all() {
		return this.tree.allIds().stream().map(this.tree::find).flatMap(Optional::stream).toList();
	}

	@Override
	public boolean coversEverything(io.opsguard.identity.DataScope scope) {
		return this.tree.coversEverything(scope);
	}

	@Override
	@Transactional
	public OrganisationView ensure(String parentCode, String code, String name, String type) {
		return this.tree.findByCode(code).orElseGet(() -> {
			Long parentId = parentCode == null ? null
					: this.tree.findByCode(parentCode)
						.orElseThrow(() -> new IllegalArgumentException("no organisation " + parentCode))
						.id();
			long id = this.service.createForSystem(parentId, name, code, OrganisationType.valueOf(type));
			return this.tree.find(id).orElseThrow();
		});
	}

}
