package io.opsguard.servicedesk.web;

import java.util.Map;

import io.opsguard.identity.CurrentUsers;
import io.opsguard.servicedesk.internal.FaqEntries;
import io.opsguard.servicedesk.internal.FaqEntries.Entry;
import io.opsguard.servicedesk.internal.FaqEntries.Input;
import io.opsguard.shared.ErrorResponses;
import io.opsguard.shared.PageQuery;
import io.opsguard.shared.PageResult;
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

/** The help centre's entries (常见问题, R-DSK-12), edited by the desk; the portal reads the published ones. */
@RestController
@RequestMapping("/api/v1/faq-entries")
@PreAuthorize("hasAuthority('servicedesk:faq:manage')")
@Tag(name = "faq", description = "FAQ entries of the portal's help centre: question, answer (plain text or simple "
		+ "markdown), category, optional business system, order, published or draft.")
class FaqController {

	private static final Map<String, String> SORTABLE = Map.of("sortOrder", "f.sort_order", "updatedAt", "f.updated_at",
			"question", "f.question");

	private final FaqEntries faq;

	FaqController(FaqEntries faq) {
		this.faq = faq;
	}

	@GetMapping
	@Operation(summary = "List FAQ entries",
			description = "One page of entries in their order (or sorted by sortOrder, updatedAt, question), searched in "
					+ "questions and answers with `q`, filtered by `category` and `published`.")
	PageResult<Entry> list(@RequestParam(required = false) String q, @RequestParam(required = false) String category,
			@RequestParam(required = false) Boolean published, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size, @RequestParam(required = false) String sort) {
		return this.faq.list(q, category, published,
				PageQuery.of(page, size, sort, SORTABLE, sort == null || sort.isBlank() ? "f.sort_order, f.id" : "f.id"));
	}

	@GetMapping("/{id}")
	@Operation(summary = "Read a FAQ entry", description = "One entry with its `version`.")
	@ErrorResponses({ "SD-0305" })
	Entry get(@PathVariable long id) {
		return this.faq.get(id);
	}

	@PostMapping
	@Operation(summary = "Write a FAQ entry",
			description = "Question (up to 300 characters) and answer (up to 8,000) are required; category, business system, "
					+ "`published` (default false) and `sortOrder` (default 0, smaller first) are optional.")
	@ErrorResponses(value = { "SD-0004", "SD-0018", "SD-0306", "SD-0307" })
	ResponseEntity<Entry> create(@RequestBody Input input) {
		return ResponseEntity.status(HttpStatus.CREATED).body(this.faq.create(CurrentUsers.require(), input));
	}

	@PutMapping("/{id}")
	@Operation(summary = "Change a FAQ entry",
			description = "Everything an entry is made of, with the `version` read; publishing is `published: true`.")
	@ErrorResponses(value = { "SD-0004", "SD-0018", "SD-0021", "SD-0305", "SD-0306", "SD-0307", "SD-0328" })
	Entry update(@PathVariable long id, @RequestBody Input input) {
		return this.faq.update(CurrentUsers.require(), id, input);
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Delete a FAQ entry", description = "Deletes the entry read at `version`.")
	@ErrorResponses(value = { "SD-0021", "SD-0305", "SD-0328" })
	ResponseEntity<Void> delete(@PathVariable long id, @RequestParam(required = false) Integer version) {
		this.faq.delete(id, version);
		return ResponseEntity.noContent().build();
	}

}
