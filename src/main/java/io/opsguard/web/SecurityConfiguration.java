package io.opsguard.web;

import io.opsguard.identity.SecurityFilters;
import io.opsguard.shared.CommonError;
import io.opsguard.shared.ProblemWriter;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;

/**
 * Browser sessions with a cookie-to-header CSRF token, API tokens for integrations, problem+json
 * for 401/403, and method security for the {@code module:resource:action} permissions. Who the
 * caller is comes from identity's {@link SecurityFilters}; this class only arranges the chains.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

	@Bean
	SecurityContextRepository securityContextRepository() {
		return new HttpSessionSecurityContextRepository();
	}

	@Bean
	CsrfTokenRepository csrfTokenRepository() {
		CookieCsrfTokenRepository repository = CookieCsrfTokenRepository.withHttpOnlyFalse();
		repository.setCookiePath("/");
		repository.setCookieCustomizer(cookie -> cookie.sameSite("Lax"));
		return repository;
	}

	/** Integrations: requests with {@code Authorization: Bearer}, stateless and without CSRF. */
	@Bean
	@Order(1)
	SecurityFilterChain apiTokenFilterChain(HttpSecurity http, SecurityFilters identity, ProblemWriter problems)
			throws Exception {
		http.securityMatcher(identity::carriesApiToken);
		commonRules(http, problems);
		http.csrf(csrf -> csrf.disable())
			.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.securityContext(context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
			.addFilterAfter(identity.apiTokenAuthentication(), SecurityContextHolderFilter.class)
			.addFilterBefore(identity.passwordChangeGate(), AuthorizationFilter.class);
		return http.build();
	}

	/** Browsers: a session cookie and the cookie-to-header CSRF token. */
	@Bean
	@Order(2)
	SecurityFilterChain browserFilterChain(HttpSecurity http, SecurityFilters identity, ProblemWriter problems,
			SecurityContextRepository contexts, CsrfTokenRepository csrfTokens) throws Exception {
		CsrfTokenRequestAttributeHandler plainTokens = new CsrfTokenRequestAttributeHandler();
		plainTokens.setCsrfRequestAttributeName(null);
		commonRules(http, problems);
		http.csrf(csrf -> csrf.csrfTokenRepository(csrfTokens)
			.csrfTokenRequestHandler(plainTokens)
			.ignoringRequestMatchers(new AntPathRequestMatcher("/api/v1/auth/login", "POST"),
					// the public token pages (ADR 0013): the token is the credential, no session is involved
					new AntPathRequestMatcher("/api/v1/satisfaction/invitations/*", "POST"),
					new AntPathRequestMatcher("/api/v1/survey-invitations/*", "POST"),
					// an application for an account (R-DSK-12): public like the sign-in, no session is involved
					new AntPathRequestMatcher("/api/v1/portal/registrations", "POST"),
					// the acknowledge links in alert messages (ADR 0022): the signed token is the credential
					new AntPathRequestMatcher("/api/v1/alerts/ack-links/*", "POST")))
			.securityContext(context -> context.securityContextRepository(contexts))
			.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
			.addFilterAfter(identity.sessionPrincipalRefresh(), SecurityContextHolderFilter.class)
			.addFilterBefore(identity.passwordChangeGate(), AuthorizationFilter.class);
		return http.build();
	}

	private static void commonRules(HttpSecurity http, ProblemWriter problems) throws Exception {
		http.authorizeHttpRequests(requests -> requests
			.requestMatchers(HttpMethod.POST, "/api/v1/auth/login").permitAll()
			.requestMatchers(HttpMethod.GET, "/api/v1/auth/session", "/api/v1/auth/password-policy").permitAll()
			.requestMatchers("/api/docs", "/api/docs/**", "/api/docs.json", "/api/docs.json/**", "/api/swagger-ui/**",
					"/swagger-ui/**")
			.permitAll()
			.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
			// satisfaction invitations and surveys answered through one-use links, without signing in (ADR 0013)
			.requestMatchers("/api/v1/satisfaction/invitations/*", "/api/v1/survey-invitations/*").permitAll()
			// applications for a portal account, before there is an account (R-DSK-12)
			.requestMatchers(HttpMethod.GET, "/api/v1/portal/registration").permitAll()
			.requestMatchers(HttpMethod.GET, "/api/v1/portal/registration/organisations").permitAll()
			.requestMatchers(HttpMethod.POST, "/api/v1/portal/registrations").permitAll()
			// one-click acknowledge links in alert messages, signed and expiring (ADR 0022)
			.requestMatchers("/api/v1/alerts/ack-links/*").permitAll()
			// OpsGuard's own metrics (R-SYS-10): for a scraper's API token or an administrator of the metric store
			.requestMatchers("/actuator/prometheus").hasAuthority("monitoring:store:manage")
			.requestMatchers("/api/**", "/actuator/**").authenticated()
			.anyRequest().permitAll())
			.formLogin(form -> form.disable())
			.httpBasic(basic -> basic.disable())
			.logout(logout -> logout.disable())
			.requestCache(cache -> cache.disable())
			.headers(headers -> headers.frameOptions(frame -> frame.deny())
				.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; img-src 'self' data:; "
						+ "style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'")))
			.exceptionHandling(errors -> errors
				.authenticationEntryPoint((request, response, ex) -> problems.write(request, response, CommonError.UNAUTHENTICATED))
				.accessDeniedHandler((request, response, ex) -> problems.write(request, response,
						ex instanceof CsrfException ? CommonError.CSRF_REJECTED : CommonError.FORBIDDEN)));
	}

}
