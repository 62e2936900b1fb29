package io.opsguard.identity;

import java.util.Optional;

import io.opsguard.shared.CommonError;
import io.opsguard.shared.OpsGuardException;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Access to the {@link CurrentUser} of the running request. */
public final class CurrentUsers {

	private CurrentUsers() {
	}

	public static Optional<CurrentUser> current() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof CurrentUser user) {
			return Optional.of(user);
		}
		return Optional.empty();
	}

	/** The current user, or a 401 problem when nobody is signed in. */
	public static CurrentUser require() {
		return current().orElseThrow(() -> new OpsGuardException(CommonError.UNAUTHENTICATED));
	}

	/** The current user's data scope; throws 404 when the organisation is outside it. */
	public static void requireInScope(Long organisationId) {
		if (!require().scope().includes(organisationId)) {
			throw OpsGuardException.notFound();
		}
	}

}
