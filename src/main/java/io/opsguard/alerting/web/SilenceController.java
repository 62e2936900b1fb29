package io.opsguard.alerting.web;

import java.util.List;

import io.opsguard.alerting.internal.Silences;
import io.opsguard.alerting.internal.Silences.Silence;
import io.opsguard.alerting.internal.Silences.SilenceInput;
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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Silences: alerts matching them are recorded but not notified until they expire. */
@RestController
@RequestMapping("/api/v1/silences")
@Tag(name = "silences", description = "Silences: alerts matching every matcher (rule, resource, severity, class, "
		+ "organisation, tag, business system) are recorded but not notified until the silence expires or is ended.")
class SilenceController {

	private final Silences silences;

	SilenceController(Silences silences) {
		this.silences = silences;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('alerting:alert:read')")
	@Operation(summary = "List silences", description = "The active and coming silences; with `all=true` also the "
			+ "expired and ended ones.")
	List<Silence> list(@RequestParam(required = false) Boolean all) {
		return this.silences.list(Boolean.TRUE.equals(all));
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAuthority('alerting:alert:read')")
	@Operation(summary = "Read a silence", description = "One silence with who set it, why and until when.")
	@ErrorResponses({ "ALR-0030" })
	Silence get(@PathVariable long id) {
		return this.silences.get(id);
	}

	@PostMapping
	@PreAuthorize("hasAuthority('alerting:silence:manage')")
	@Operation(summary = "Add a silence",
			description = "At least one matcher, a `reason` and an `expiresAt` (required, at most 90 days ahead); `startsAt` "
					+ "defaults to now. Audited.")
	@ErrorResponses(value = { "ALR-0031" }, fields = { "ALR-0005", "ALR-0007", "ALR-0023", "ALR-0032", "ALR-0033",
			"ALR-0034" })
	ResponseEntity<Silence> create(@RequestBody SilenceInput input) {
		return ResponseEntity.status(HttpStatus.CREATED).body(this.silences.create(CurrentUsers.require(), input));
	}

	@DeleteMapping("/{id}")
	@PreAuthorize("hasAuthority('alerting:silence:manage')")
	@Operation(summary = "End a silence now",
			description = "With the `version` read; the silence stays listed as ended. Quiet alerts it covered are notified "
					+ "at the next evaluation if still firing. Audited.")
	@ErrorResponses({ "ALR-0030", "ALR-0002", "ALR-0003" })
	Silence end(@PathVariable long id, @RequestParam(required = false) Integer version) {
		return this.silences.end(CurrentUsers.require(), id, version);
	}

}
