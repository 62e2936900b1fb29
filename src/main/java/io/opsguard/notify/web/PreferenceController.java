package io.opsguard.notify.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.opsguard.identity.CurrentUsers;
import io.opsguard.notify.Channel;
import io.opsguard.notify.NoticeType;
import io.opsguard.notify.internal.NoticeTypeRegistry;
import io.opsguard.notify.internal.Preferences;
import io.opsguard.notify.internal.Preferences.MyPreferences;
import io.opsguard.shared.ErrorResponses;
import io.opsguard.shared.SelfService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in user's notification preferences. */
@RestController
@RequestMapping("/api/v1/me/notification-preferences")
@Tag(name = "notification-preferences",
		description = "Per event type, the channels (in-app, e-mail, SMS, voice) the caller is told through, and the language.")
class PreferenceController {

	private final Preferences preferences;

	private final NoticeTypeRegistry types;

	PreferenceController(Preferences preferences, NoticeTypeRegistry types) {
		this.preferences = preferences;
		this.types = types;
	}

	@GetMapping
	@SelfService
	@Operation(summary = "My notification preferences",
			description = "The caller's language (`zh-CN` or `en`) and, per event type, the channels in force, the type's "
					+ "defaults and its mandatory channels (which cannot be switched off).")
	PreferencesView get() {
		return view(this.preferences.of(CurrentUsers.require().id()));
	}

	@PutMapping
	@SelfService
	@Operation(summary = "Change my notification preferences",
			description = "`locale` and, per listed type code, the channels wanted; types not listed keep theirs. "
					+ "A mandatory channel left out answers 400 NT-0016 on `types.<code>`.")
	@ErrorResponses(value = { "NT-0016", "NT-0017", "NT-0021", "NT-0022" })
	PreferencesView put(@RequestBody PreferencesEdit edit) {
		Map<String, List<String>> channels = new LinkedHashMap<>();
		if (edit != null && edit.types() != null) {
			for (TypeEdit type : edit.types()) {
				if (type != null) {
					channels.put(type.type() == null ? "" : type.type(), type.channels() == null ? List.of() : type.channels());
				}
			}
		}
		return view(this.preferences.update(CurrentUsers.require().id(), edit == null ? null : edit.locale(), channels));
	}

	private PreferencesView view(MyPreferences mine) {
		List<TypeView> list = new ArrayList<>();
		for (Preferences.TypePreference p : mine.types()) {
			NoticeType type = this.types.require(p.type());
			list.add(new TypeView(p.type(), type.name(LocaleContextHolder.getLocale()), p.channels(), p.chosen(),
					type.defaultChannels().stream().sorted().map(Channel::name).toList(),
					type.mandatoryChannels().stream().sorted().map(Channel::name).toList()));
		}
		return new PreferencesView(mine.locale(), Channel.PERSONAL.stream().map(Channel::name).toList(), list);
	}

	record PreferencesView(String locale, List<String> channels, List<TypeView> types) {
	}

	record TypeView(String type, String name, List<String> channels, boolean chosen, List<String> defaults,
			List<String> mandatory) {
	}

	record PreferencesEdit(String locale, List<TypeEdit> types) {
	}

	record TypeEdit(String type, List<String> channels) {
	}

}
