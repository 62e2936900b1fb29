package io.opsguard.servicedesk.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.opsguard.cmdb.ConfigurationItems;
import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.CurrentUsers;
import io.opsguard.servicedesk.internal.SavedSearches;
import io.opsguard.servicedesk.internal.SavedSearches.SavedSearch;
import io.opsguard.servicedesk.internal.SavedSearches.SearchInput;
import io.opsguard.servicedesk.internal.ServiceDeskError;
import io.opsguard.shared.ErrorResponses;
import io.opsguard.shared.OpsGuardException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Saved searches of the ticket queue page (我的视图): a queue with its filters and order under a
 * name, private or shared with a support group.
 */
@RestController
@RequestMapping("/api/v1/ticket-searches")
@Tag(name = "ticket-searches",
		description = "Saved searches of the ticket queue page: a queue, its filters and its order under a name, the "
				+ "owner's own or shared with a support group whose members see it; only the owner changes it.")
class SavedSearchController {

	private final SavedSearches searches;

	private final ConfigurationItems cmdb;

	SavedSearchController(SavedSearches searches, ConfigurationItems cmdb) {
		this.searches = searches;
		this.cmdb = cmdb;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('servicedesk:ticket:read')")
	@Operation(summary = "List saved searches",
			description = "The caller's own searches in their order, then those shared with a support group the caller "
					+ "belongs to; each with `mine`, `shared`, its `owner` and `group`.")
	List<SearchView> list() {
		CurrentUser user = CurrentUsers.require();
		return this.searches.visible(user).stream().map(s -> view(user, s)).toList();
	}

	@GetMapping("/counts")
	@PreAuthorize("hasAuthority('servicedesk:ticket:read')")
	@Operation(summary = "Saved searches' counts",
			description = "How many open tickets each listed search holds for the caller, by search id (a search of all "
					+ "tickets counts the open ones); exact up to 10,000, like the queues' counts.")
	Map<Long, Long> counts() {
		return this.searches.counts(CurrentUsers.require());
	}

	@PostMapping
	@PreAuthorize("hasAuthority('servicedesk:ticket:read')")
	@Operation(summary = "Save a search",
			description = "`name` (1–50 characters, unique among the caller's), `queue` (MINE, MY_GROUPS, UNASSIGNED, "
					+ "DUE_SOON, BREACHED, OPEN, ALL), `filters` by the list's parameter names (`type`, `state`, `faultLevel`, "
					+ "`businessSystemId`, `q`), `sort` (`field,asc|desc` as the list sorts), and `groupId` to share it with "
					+ "a support group the caller sees. An unknown filter or value is a field error (`filters.<key>`); at "
					+ "most 30 searches per user.")
	@ErrorResponses(value = { "SD-0064", "SD-0066" }, fields = { "SD-0004", "SD-0011", "SD-0018", "SD-0025", "SD-0065" })
	ResponseEntity<SearchView> create(@RequestBody SearchInput input) {
		CurrentUser user = CurrentUsers.require();
		return ResponseEntity.status(HttpStatus.CREATED).body(view(user, this.searches.create(user, checkedSort(input))));
	}

	@PutMapping("/{id}")
	@PreAuthorize("hasAuthority('servicedesk:ticket:read')")
	@Operation(summary = "Change a saved search",
			description = "The whole search as for saving it, with the `version` read (409 when it changed meanwhile); "
					+ "`position` moves it among the owner's. Only its owner changes it (403 for a member of the group it "
					+ "is shared with).")
	@ErrorResponses(value = { "SD-0021", "SD-0063", "SD-0064", "SD-0067", "SD-0068" },
			fields = { "SD-0004", "SD-0011", "SD-0018", "SD-0025", "SD-0065" })
	SearchView update(@PathVariable long id, @RequestBody SearchInput input) {
		CurrentUser user = CurrentUsers.require();
		return view(user, this.searches.update(user, id, checkedSort(input)));
	}

	@PutMapping("/order")
	@PreAuthorize("hasAuthority('servicedesk:ticket:read')")
	@Operation(summary = "Reorder one's saved searches",
			description = "`{ids}`: the caller's own searches in the order wanted; any left out follow in their present "
					+ "order. Answers the searches as listed.")
	@ErrorResponses({ "SD-0063" })
	List<SearchView> reorder(@RequestBody OrderInput input) {
		CurrentUser user = CurrentUsers.require();
		return this.searches.reorder(user, input.ids()).stream().map(s -> view(user, s)).toList();
	}

	@DeleteMapping("/{id}")
	@PreAuthorize("hasAuthority('servicedesk:ticket:read')")
	@Operation(summary = "Delete a saved search", description = "Only its owner deletes it.")
	@ErrorResponses({ "SD-0063", "SD-0067" })
	ResponseEntity<Void> delete(@PathVariable long id) {
		this.searches.delete(CurrentUsers.require(), id);
		return ResponseEntity.noContent().build();
	}

	/** The search with the name of its business system, when the reader may see that system. */
	private SearchView view(CurrentUser user, SavedSearch s) {
		Long system = s.filters().businessSystemId();
		String systemName = system == null ? null : this.cmdb.find(system)
			.filter(ci -> user.scope().includes(ci.organisationId()))
			.map(ci -> ci.name())
			.orElse(null);
		return new SearchView(s.id(), s.name(), new TicketViews.Ref(s.ownerId(), s.ownerName()), s.mine(),
				s.groupId() != null, s.groupId() == null ? null : new TicketViews.Ref(s.groupId(), s.groupName()),
				s.queue().name(), s.filters(), systemName, s.sort(), s.position(), s.createdAt(), s.updatedAt(), s.version());
	}

	/** The sort as the ticket list takes it ({@code field,asc|desc}), or a field error. */
	private static SearchInput checkedSort(SearchInput input) {
		String sort = input.sort() == null ? "" : input.sort().strip();
		if (sort.isEmpty()) {
			return input;
		}
		String[] parts = sort.split(",", -1);
		String direction = parts.length == 2 ? parts[1].strip().toLowerCase(Locale.ROOT) : "";
		if (parts.length != 2 || !TicketController.SORTABLE.containsKey(parts[0].strip())
				|| !(direction.equals("asc") || direction.equals("desc"))) {
			throw OpsGuardException.onField("sort", ServiceDeskError.SAVED_SEARCH_BAD_FILTER,
					sort.length() > 30 ? sort.substring(0, 30) + "…" : sort);
		}
		return new SearchInput(input.name(), input.groupId(), input.queue(), input.filters(),
				parts[0].strip() + "," + direction, input.position(), input.version());
	}

	/**
	 * A saved search: {@code shared} with {@code group}, {@code mine} when the caller owns it;
	 * {@code businessSystemName} names the system it filters by, when the caller may see it.
	 */
	record SearchView(long id, String name, TicketViews.Ref owner, boolean mine, boolean shared, TicketViews.Ref group,
			String queue, SavedSearches.Filters filters, String businessSystemName, String sort, int position,
			java.time.Instant createdAt, java.time.Instant updatedAt, int version) {
	}

	/** The caller's searches in the order wanted. */
	record OrderInput(List<Long> ids) {
	}

}
