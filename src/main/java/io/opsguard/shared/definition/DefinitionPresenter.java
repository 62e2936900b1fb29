package io.opsguard.shared.definition;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongFunction;

import io.opsguard.shared.PageResult;
import io.opsguard.shared.SystemNotes;

import org.springframework.context.MessageSource;

/**
 * Shows definitions in the reader's language, for the modules' {@code web} layers: headers with
 * names, organisation and origin named in words, versions with their notes rendered and their
 * authors named. The modules pass in how to name users and organisations (identity's
 * {@code Users} and {@code Organisations}).
 */
public final class DefinitionPresenter {

	private final MessageSource messages;

	private final Function<Collection<Long>, Map<Long, String>> userNames;

	private final LongFunction<Optional<String>> organisationName;

	private final Function<String, Optional<DefinitionRow>> byCode;

	public DefinitionPresenter(MessageSource messages, Function<Collection<Long>, Map<Long, String>> userNames,
			LongFunction<Optional<String>> organisationName, VersionedDefinitions<?> definitions) {
		this.messages = messages;
		this.userNames = userNames;
		this.organisationName = organisationName;
		this.byCode = definitions::find;
	}

	public static boolean english(Locale locale) {
		return "en".equals(locale.getLanguage());
	}

	/** A list's {@code sort} with {@code name} meaning the name in the reader's language. */
	public static String sort(String sort, Locale locale) {
		if (sort == null || !sort.strip().startsWith("name")) {
			return sort;
		}
		String rest = sort.strip().substring(4);
		return rest.isEmpty() || rest.startsWith(",") ? (english(locale) ? "nameEn" : "nameZh") + rest : sort;
	}

	public DefinitionHeader header(DefinitionRow row, Locale locale) {
		boolean en = english(locale);
		String organisation = row.organisationId() == null ? null
				: this.organisationName.apply(row.organisationId()).orElse(null);
		String basedOnName = row.basedOn() == null ? null
				: this.byCode.apply(row.basedOn()).map(b -> b.name(en)).orElse(null);
		return new DefinitionHeader(row.code(), row.nameZh(), row.nameEn(), row.name(en), row.organisationId(), organisation,
				row.builtIn(), row.basedOn(), basedOnName, row.currentVersion(), row.version(), row.createdAt(),
				row.updatedAt());
	}

	public DefinitionOption option(DefinitionRow row, Locale locale) {
		return new DefinitionOption(row.code(), row.name(english(locale)), row.nameZh(), row.nameEn(), row.builtIn(),
				row.organisationId());
	}

	public PageResult<VersionView> versions(PageResult<VersionInfo> page, Locale locale) {
		Map<Long, String> names = this.userNames
			.apply(page.items().stream().map(VersionInfo::createdBy).filter(Objects::nonNull).distinct().toList());
		return page.map(v -> new VersionView(v.number(), note(v.note(), locale), v.createdAt(), v.createdBy(),
				v.createdBy() == null ? null : names.get(v.createdBy()), v.current()));
	}

	public VersionView version(DefinitionState<?> state, Locale locale) {
		DefinitionVersion<?> v = state.version();
		String by = v.createdBy() == null ? null : this.userNames.apply(List.of(v.createdBy())).get(v.createdBy());
		return new VersionView(v.number(), note(v.note(), locale), v.createdAt(), v.createdBy(), by,
				v.number() == state.row().currentVersion());
	}

	/** A stored note in the reader's language (system notes are keys; typed notes stay as typed). */
	public String note(String stored, Locale locale) {
		return SystemNotes.render(stored, this.messages, locale);
	}

}
