package io.opsguard.notify.internal;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.opsguard.notify.NoticeType;
import io.opsguard.notify.NoticeTypes;

import org.springframework.stereotype.Component;

/** Every event type the running modules declare ({@link NoticeTypes}), by code. */
@Component
public class NoticeTypeRegistry {

	private final Map<String, NoticeType> types = new LinkedHashMap<>();

	NoticeTypeRegistry(List<NoticeTypes> modules) {
		for (NoticeTypes module : modules) {
			for (NoticeType type : module.types()) {
				if (this.types.put(type.code(), type) != null) {
					throw new IllegalStateException("Notice type " + type.code() + " is declared twice");
				}
				for (NoticeType.Template template : List.of(type.zh(), type.en())) {
					String problem = TemplateRenderer.problem(template.subject() + "\n" + template.body(), type.sample());
					if (problem != null) {
						throw new IllegalStateException("Default template of " + type.code() + ": " + problem);
					}
				}
			}
		}
	}

	public Collection<NoticeType> all() {
		return this.types.values();
	}

	public Optional<NoticeType> find(String code) {
		return Optional.ofNullable(code == null ? null : this.types.get(code));
	}

	/** The type, or a 404 naming it. */
	public NoticeType require(String code) {
		return find(code).orElseThrow(() -> new io.opsguard.shared.OpsGuardException(NotifyError.UNKNOWN_TYPE,
				String.valueOf(code)));
	}

}
