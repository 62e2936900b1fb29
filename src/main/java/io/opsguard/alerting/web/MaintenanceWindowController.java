package io.opsguard.alerting.web;

import java.util.List;

import io.opsguard.alerting.internal.MaintenanceWindows;
import io.opsguard.alerting.internal.MaintenanceWindows.Window;
import io.opsguard.alerting.internal.MaintenanceWindows.WindowInput;
import io.opsguard.identity.CurrentUsers;
import io.opsguard.shared.ErrorResponses;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Maintenance windows: alerts of their scope are recorded but not notified while they are open. */
@RestController
@RequestMapping("/api/v1/maintenance-windows")
@Tag(name = "maintenance-windows", description = "Maintenance windows, once or recurring (daily, weekly, monthly, in "
		+ "the site's time zone), for every resource, one resource, a class, a tag, an organisation or a business system.")
class MaintenanceWindowController {

	private final MaintenanceWindows windows;

	MaintenanceWindowController(MaintenanceWindows windows) {
		this.windows = windows;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('alerting:alert:read')")
	@Operation(summary = "List maintenance windows", description = "Every window, newest first.")
	List<Window> list() {
		return this.windows.list();
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAuthority('alerting:alert:read')")
	@Operation(summary = "Read a maintenance window", description = "One window with its recurrence and version.")
	@ErrorResponses({ "ALR-0040" })
	Window get(@PathVariable long id) {
		return this.windows.get(id);
	}

	@PostMapping
	@PreAuthorize("hasAuthority('alerting:silence:manage')")
	@Operation(summary = "Add a maintenance window",
			description = "`name`, `reason`, scope (`scopeKind`, `scopeValue`), `recurrence` ONCE (`startsAt`, `endsAt`, at "
					+ "most 31 days) or DAILY/WEEKLY/MONTHLY (`startTime` HH:mm, `durationMinutes` up to 7 days, `days` of "
					+ "the week 1–7 or of the month 1–31, optional `validFrom`/`validUntil`). Audited.")
	@ErrorResponses(value = { "ALR-0041" }, fields = { "ALR-0004", "ALR-0005", "ALR-0008", "ALR-0023", "ALR-0042",
			"ALR-0043" })
	ResponseEntity<Window> create(@RequestBody WindowInput input) {
		return ResponseEntity.status(HttpStatus.CREATED).body(this.windows.create(CurrentUsers.require(), input));
	}

	@PutMapping("/{id}")
	@PreAuthorize("hasAuthority('alerting:silence:manage')")
	@Operation(summary = "Change a maintenance window", description = "As adding, with the `version` read. Audited.")
	@ErrorResponses(value = { "ALR-0040", "ALR-0002", "ALR-0003", "ALR-0041" }, fields = { "ALR-0004", "ALR-0005",
			"ALR-0008", "ALR-0023", "ALR-0042", "ALR-0043" })
	Window update(@PathVariable long id, @RequestBody WindowInput input) {
		return this.windows.update(CurrentUsers.require(), id, input);
	}

	@DeleteMapping("/{id}")
	@PreAuthorize("hasAuthority('alerting:silence:manage')")
	@Operation(summary = "Delete a maintenance window", description = "With the `version` read. Audited.")
	@ErrorResponses({ "ALR-0040", "ALR-0002", "ALR-0003" })
	ResponseEntity<Void> delete(@PathVariable long id, @RequestParam(required = false) Integer version) {
		this.windows.delete(CurrentUsers.require(), id, version);
		return ResponseEntity.noContent().build();
	}

}
