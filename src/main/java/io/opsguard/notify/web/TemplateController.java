package io.opsguard.notify.web;

import java.util.List;
import java.util.Map;

import io.opsguard.notify.Channel;
import io.opsguard.notify.NoticeType;
import io.opsguard.notify.internal.NoticeTypeRegistry;
import io.opsguard.notify.internal.Templates;
import io.opsguard.notify.internal.Templates.EffectiveTemplate;
import io.opsguard.notify.internal.Templates.Rendered;
import io.opsguard.shared.ErrorResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The event types modules declare and their templates in Chinese and English. */
@RestController
@RequestMapping("/api/v1/notification-templates")
@Tag(name = "notification-templates",
		description = "Event types and their subject and body templates (Mustache, `{{variable}}`) in zh-CN and en: "
				+ "read, change, reset to the module's default, preview with a sample.")
class TemplateController {

	private final NoticeTypeRegistry types;

	private final Templates templates;

	TemplateController(NoticeTypeRegistry types, Templates templates) {
		this.types = types;
		this.templates = templates;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('notify:channel:manage')")
	@Operation(summary = "List event types",
			description = "Every event type with its name, default and mandatory channels, variables and the locales "
					+ "whose template was changed (`customised`).")
	List<TypeView> list() {
		Map<String, List<String>> customised = this.templates.customised();
		return this.types.all()
			.stream()
			.map(t -> new TypeView(t.code(), t.name(LocaleContextHolder.getLocale()), t.nameZh(), t.nameEn(),
					t.defaultChannels().stream().sorted().map(Channel::name).toList(),
					t.mandatoryChannels().stream().sorted().map(Channel::name).toList(), List.copyOf(t.sample().keySet()),
					customised.getOrDefault(t.code(), List.of())))
			.toList();
	}

	@GetMapping("/{type}/{locale}")
	@PreAuthorize("hasAuthority('notify:channel:manage')")
	@Operation(summary = "Read a template",
			description = "The template in force for a type and locale (`zh-CN` or `en`), its `version` (0: the default) "
					+ "and the default.")
	@ErrorResponses({ "NT-0011", "NT-0012" })
	TemplateView get(@PathVariable String type, @PathVariable String locale) {
		return view(this.templates.effective(type, locale));
	}

	@PutMapping("/{type}/{locale}")
	@PreAuthorize("hasAuthority('notify:channel:manage')")
	@Operation(summary = "Change a template",
			description = "Subject and body with the `version` read (0 when the default is in force). Unescaped output "
					+ "(`{{{x}}}`, `{{& x}}`) and broken Mustache are refused on the field.")
	@ErrorResponses(value = { "NT-0008", "NT-0011", "NT-0012" }, fields = { "NT-0003", "NT-0007", "NT-0009", "NT-0020" })
	TemplateView put(@PathVariable String type, @PathVariable String locale, @RequestBody TemplateEdit edit) {
		TemplateEdit body = edit == null ? new TemplateEdit(null, null, null) : edit;
		return view(this.templates.update(type, locale, body.subject(), body.body(), body.version()));
	}

	@PostMapping("/{type}/{locale}/reset")
	@PreAuthorize("hasAuthority('notify:channel:manage')")
	@Operation(summary = "Reset a template", description = "Back to the module's default template.")
	@ErrorResponses({ "NT-0011", "NT-0012" })
	TemplateView reset(@PathVariable String type, @PathVariable String locale) {
		return view(this.templates.reset(type, locale));
	}

	@PostMapping("/preview")
	@PreAuthorize("hasAuthority('notify:channel:manage')")
	@Operation(summary = "Preview a template",
			description = "Renders a subject and body (saved or not) with the type's sample values, overridden by `model`: "
					+ "the subject, the text and the HTML of an e-mail (values escaped).")
	@ErrorResponses(value = { "NT-0011", "NT-0012" }, fields = { "NT-0003", "NT-0007", "NT-0020" })
	Rendered preview(@RequestBody PreviewRequest request) {
		PreviewRequest body = request == null ? new PreviewRequest(null, null, null, null, null) : request;
		return this.templates.preview(body.type(), body.locale() == null ? "zh-CN" : body.locale(), body.subject(),
				body.body(), body.model());
	}

	private static TemplateView view(EffectiveTemplate t) {
		return new TemplateView(t.type(), t.locale(), t.subject(), t.body(), t.customised(), t.version(),
				t.defaultSubject(), t.defaultBody());
	}

	record TypeView(String code, String name, String nameZh, String nameEn, List<String> defaultChannels,
			List<String> mandatoryChannels, List<String> variables, List<String> customised) {
	}

	record TemplateView(String type, String locale, String subject, String body, boolean customised, int version,
			String defaultSubject, String defaultBody) {
	}

	record TemplateEdit(Integer version, String subject, String body) {
	}

	record PreviewRequest(String type, String locale, String subject, String body, Map<String, Object> model) {
	}

	static String name(NoticeType type) {
		return type.name(LocaleContextHolder.getLocale());
	}

}
