package io.opsguard.servicedesk.web;

import java.util.List;

import io.opsguard.identity.CurrentUsers;
import io.opsguard.servicedesk.internal.CatalogueForm.Field;
import io.opsguard.servicedesk.internal.CatalogueItems;
import io.opsguard.servicedesk.internal.CatalogueItems.Item;
import io.opsguard.servicedesk.internal.CatalogueItems.ItemInput;
import io.opsguard.servicelevel.TicketType;
import io.opsguard.shared.ErrorResponses;
import io.opsguard.shared.SelfService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The service catalogue (R-DSK-14): the items requesters may ask for, each with its form. */
@RestController
@RequestMapping("/api/v1/catalogue-items")
@Tag(name = "catalogue", description = "Service catalogue items (account opening, password reset, …) with their forms.")
class CatalogueController {

	private final CatalogueItems catalogue;

	CatalogueController(CatalogueItems catalogue) {
		this.catalogue = catalogue;
	}

	@GetMapping
	@SelfService
	@Operation(summary = "List the service catalogue",
			description = "The enabled items in catalogue order, with their forms; every signed-in user may read them "
					+ "(requesters choose from them in the portal). `all=true` adds the disabled ones for "
					+ "administrators (servicedesk:catalogue:manage).")
	List<Item> list(@RequestParam(defaultValue = "false") boolean all) {
		boolean withDisabled = all && CurrentUsers.require().hasPermission("servicedesk:catalogue:manage");
		return this.catalogue.list(withDisabled);
	}

	@GetMapping("/{id}")
	@SelfService
	@Operation(summary = "Read a catalogue item", description = "An item with its form.")
	@ErrorResponses(value = { "SD-0038" })
	Item get(@PathVariable long id) {
		return this.catalogue.get(id);
	}

	@PostMapping
	@PreAuthorize("hasAuthority('servicedesk:catalogue:manage')")
	@Operation(summary = "Add a catalogue item",
			description = "A code (capital letters, digits, `-`, `_`), names in Chinese and English, the ticket type "
					+ "(a service request, consultation or requirement), the form's fields and the group that usually "
					+ "receives it.")
	@ErrorResponses(value = { "SD-0011", "SD-0018", "SD-0023", "SD-0025", "SD-0029", "SD-0030", "SD-0031", "SD-0032",
			"SD-0033", "SD-0034", "SD-0039", "SD-0041" })
	ResponseEntity<Item> create(@RequestBody ItemInput input) {
		return ResponseEntity.status(HttpStatus.CREATED).body(this.catalogue.create(CurrentUsers.require(), input));
	}

	@PutMapping("/{id}")
	@PreAuthorize("hasAuthority('servicedesk:catalogue:manage')")
	@Operation(summary = "Change a catalogue item",
			description = "The whole item with the `version` read; `enabled = false` takes it out of the catalogue while "
					+ "the tickets raised from it keep it.")
	@ErrorResponses(value = { "SD-0009", "SD-0011", "SD-0018", "SD-0021", "SD-0023", "SD-0025", "SD-0029", "SD-0030",
			"SD-0031", "SD-0032", "SD-0033", "SD-0034", "SD-0038", "SD-0039", "SD-0041" })
	Item update(@PathVariable long id, @RequestBody ItemEdit input) {
		ItemEdit edit = input == null ? new ItemEdit(null, null, null, null, null, null, null, null, null, null, null) : input;
		return this.catalogue.update(CurrentUsers.require(), id,
				new ItemInput(edit.code(), edit.name(), edit.nameEn(), edit.description(), edit.category(), edit.ticketType(),
						edit.fields(), edit.defaultGroupId(), edit.sortOrder(), edit.enabled()),
				edit.version());
	}

	/** An item's new state with the version read. */
	record ItemEdit(Integer version, String code, String name, String nameEn, String description, String category,
			TicketType ticketType, List<Field> fields, Long defaultGroupId, Integer sortOrder, Boolean enabled) {
	}

}
