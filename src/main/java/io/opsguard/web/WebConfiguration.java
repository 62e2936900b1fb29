package io.opsguard.web;

import java.util.List;
import java.util.Locale;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/**
 * The request's language (Simplified Chinese unless the client asks for English) and the refusal
 * of control characters in request parameters. The OpenAPI document is {@link ApiDocumentation}'s.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

	static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

	@Bean
	LocaleResolver localeResolver() {
		AcceptHeaderLocaleResolver resolver = new AcceptHeaderLocaleResolver() {
			@Override
			public Locale resolveLocale(jakarta.servlet.http.HttpServletRequest request) {
				Locale resolved = super.resolveLocale(request);
				return "en".equals(resolved.getLanguage()) ? Locale.ENGLISH : CHINESE;
			}
		};
		resolver.setSupportedLocales(List.of(CHINESE, Locale.ENGLISH));
		resolver.setDefaultLocale(CHINESE);
		return resolver;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new ControlCharacters());
	}

}
