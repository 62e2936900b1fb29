package io.opsguard.monitoring.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import io.opsguard.identity.CurrentUsers;
import io.opsguard.monitoring.internal.MonitorTypeUploads;
import io.opsguard.monitoring.internal.MonitorTypeUploads.Problem;
import io.opsguard.monitoring.internal.MonitoringError;
import io.opsguard.monitoring.template.MonitorType;
import io.opsguard.monitoring.template.MonitorTypeParser;
import io.opsguard.monitoring.template.MonitorTypes;
import io.opsguard.monitoring.web.MonitorViews.TypeView;
import io.opsguard.shared.CommonError;
import io.opsguard.shared.ErrorResponses;
import io.opsguard.shared.OpsGuardException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Monitor types: the built-in YAML templates and those administrators upload, for the type picker,
 * the monitor form and the template page.
 */
@RestController
@RequestMapping("/api/v1/monitor-types")
@Tag(name = "monitor-types", description = "Monitor types (templates): protocol, parameters and metrics with their "
		+ "labels in the caller's language; upload, check, download and delete of uploaded templates.")
class MonitorTypeController {

	private final MonitorTypes types;

	private final MonitorTypeUploads uploads;

	private final MonitorViews views;

	MonitorTypeController(MonitorTypes types, MonitorTypeUploads uploads, MonitorViews views) {
		this.types = types;
		this.uploads = uploads;
		this.views = views;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('monitoring:monitor:read')")
	@Operation(summary = "List monitor types", description = "Every type, by category and id.")
	List<TypeView> list() {
		Locale locale = LocaleContextHolder.getLocale();
		return this.types.all().stream().map(t -> this.views.type(t, locale)).toList();
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAuthority('monitoring:monitor:read')")
	@Operation(summary = "Read a monitor type",
			description = "Its protocol, parameters (type, label, default, options, showWhen) and metrics (unit, kind, rows, "
					+ "default thresholds), labels in the caller's language.")
	@ErrorResponses({ "MON-0023" })
	TypeView get(@PathVariable String id) {
		return this.views.type(find(id), LocaleContextHolder.getLocale());
	}

	@GetMapping(value = "/{id}/template", produces = "application/yaml")
	@PreAuthorize("hasAuthority('monitoring:monitor:read')")
	@Operation(summary = "Download a type's YAML template", description = "A starting point for a template of one's own.")
	@ErrorResponses({ "MON-0023" })
	ResponseEntity<byte[]> template(@PathVariable String id) {
		MonitorType type = find(id);
		String yaml = this.uploads.template(type.id())
			.orElseThrow(() -> new OpsGuardException(MonitoringError.UNKNOWN_TEMPLATE));
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(type.id() + ".yml", StandardCharsets.UTF_8).build().toString())
			.contentType(MediaType.parseMediaType("application/yaml;charset=UTF-8"))
			.body(yaml.getBytes(StandardCharsets.UTF_8));
	}

	@PostMapping("/check")
	@PreAuthorize("hasAuthority('monitoring:template:manage')")
	@Operation(summary = "Check a template without storing it",
			description = "Answers `valid` and every fault (`path`, `message` in the caller's language).")
	CheckView check(@RequestBody(required = false) String yaml) {
		List<Problem> problems = this.uploads.check(limit(yaml), LocaleContextHolder.getLocale());
		return new CheckView(problems.isEmpty(), problems);
	}

	@PostMapping
	@PreAuthorize("hasAuthority('monitoring:template:manage')")
	@Operation(summary = "Upload a monitor type",
			description = "The template as the request body (YAML, at most 256 KB). A template with faults answers 400 "
					+ "`MON-0020` listing each in `problems`; a built-in id 409 `MON-0021`; an upload of an id already "
					+ "uploaded must raise its `version` (409 `MON-0024`). Audited.")
	@ErrorResponses({ "MON-0020", "MON-0021", "MON-0024" })
	ResponseEntity<TypeView> upload(@RequestBody(required = false) String yaml) {
		Locale locale = LocaleContextHolder.getLocale();
		MonitorType type = this.uploads.upload(CurrentUsers.require(), limit(yaml), locale);
		return ResponseEntity.status(HttpStatus.CREATED).body(this.views.type(type, locale));
	}

	@DeleteMapping("/{id}")
	@PreAuthorize("hasAuthority('monitoring:template:manage')")
	@Operation(summary = "Delete an uploaded monitor type",
			description = "Built-in types cannot be deleted (409 `MON-0021`), nor types monitors use (409 `MON-0022`).")
	@ErrorResponses({ "MON-0021", "MON-0022", "MON-0023" })
	ResponseEntity<Void> delete(@PathVariable String id) {
		this.uploads.delete(CurrentUsers.require(), id);
		return ResponseEntity.noContent().build();
	}

	record CheckView(boolean valid, List<Problem> problems) {
	}

	private MonitorType find(String id) {
		return this.types.find(id).orElseThrow(() -> new OpsGuardException(MonitoringError.UNKNOWN_TEMPLATE));
	}

	private static String limit(String yaml) {
		if (yaml != null && yaml.length() > MonitorTypeParser.MAX_LENGTH) {
			throw OpsGuardException.onField("template", CommonError.BAD_PARAMETER, "template");
		}
		return yaml == null ? "" : yaml;
	}

}
