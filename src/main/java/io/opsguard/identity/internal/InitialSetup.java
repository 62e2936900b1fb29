package io.opsguard.identity.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import io.opsguard.identity.BuiltInRole;
import io.opsguard.identity.internal.Role.DataScopeType;
import io.opsguard.identity.internal.UserAccount.PasswordChangeReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * At every start: keeps the built-in roles in step with the modules' permissions, and reduces the
 * first administrator to system administration if the duties are split already (ADR 0006). At the
 * first start: creates the root organisation and the only account, {@code admin}, holding the
 * three administrator roles, whose password comes from {@code OPSGUARD_ADMIN_PASSWORD} or is
 * generated into {@code <data-dir>/initial-admin-password} (owner-only) and must be changed at the
 * first sign-in.
 */
@Component
class InitialSetup implements SmartInitializingSingleton {

	static final String ADMIN = "admin";

	static final String PASSWORD_FILE = "initial-admin-password";

	private static final Logger log = LoggerFactory.getLogger(InitialSetup.class);

	private final RoleRepository roles;

	private final UserAccountRepository users;

	private final OrganisationRepository organisations;

	private final PermissionCatalog catalog;

	private final Passwords passwords;

	private final OrganisationTree tree;

	private final Principals principals;

	private final RoleDirectory roleDirectory;

	private final MessageSource messages;

	private final TransactionTemplate transactions;

	private final IdentityProperties properties;

	private final Path dataDir;

	private final Clock clock;

	private final DutySeparation separation;

	InitialSetup(RoleRepository roles, UserAccountRepository users, OrganisationRepository organisations,
			PermissionCatalog catalog, Passwords passwords, OrganisationTree tree, Principals principals,
			RoleDirectory roleDirectory,
			MessageSource messages, TransactionTemplate transactions, IdentityProperties properties,
			@Value("${opsguard.data-dir}") String dataDir, Clock clock, DutySeparation separation) {
		this.roles = roles;
		this.users = users;
		this.organisations = organisations;
		this.catalog = catalog;
		this.passwords = passwords;
		this.tree = tree;
		this.principals = principals;
		this.roleDirectory = roleDirectory;
		this.messages = messages;
		this.transactions = transactions;
		this.properties = properties;
		this.dataDir = Path.of(dataDir);
		this.clock = clock;
		this.separation = separation;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.transactions.executeWithoutResult(tx -> {
			synchroniseBuiltInRoles();
			if (this.users.count() == 0) {
				createFirstAdministrator();
			}
		});
		this.roleDirectory.invalidate();
		// an installation upgraded with its duties already split: the first administrator is reduced now
		this.transactions.executeWithoutResult(tx -> this.separation.splitFirstAdministratorIfDue());
		this.tree.invalidate();
		this.roleDirectory.invalidate();
		this.principals.forgetAll();
	}

	private void synchroniseBuiltInRoles() {
		Instant now = this.clock.instant();
		for (BuiltInRole builtIn : BuiltInRole.values()) {
			Role role = this.roles.findByCode(builtIn.name()).orElseGet(() -> {
				Role created = new Role();
				created.code = builtIn.name();
				created.builtIn = true;
				created.dataScope = DataScopeType.OWN_SUBTREE;
				created.createdAt = now;
				return created;
			});
			Set<String> wanted = this.catalog.grantedTo(builtIn);
			String name = this.messages.getMessage("role.builtin." + builtIn.name(), null, builtIn.name(), Locale.SIMPLIFIED_CHINESE);
			String description = this.messages.getMessage("role.builtin." + builtIn.name() + ".description", null, null,
					Locale.SIMPLIFIED_CHINESE);
			if (role.id == null || !role.permissionKeys().equals(wanted) || !name.equals(role.name)) {
				role.name = name;
				role.description = description;
				role.setPermissionKeys(wanted);
				role.updatedAt = now;
				this.roles.save(role);
			}
		}
	}

	private void createFirstAdministrator() {
		Instant now = this.clock.instant();
		Organisation root = this.organisations.findAll().iterator().hasNext() ? null : new Organisation();
		if (root != null) {
			root.setName(this.properties.rootOrganisationName());
			root.setCode(this.properties.rootOrganisationCode());
			root.setType(OrganisationType.AGENCY);
			root.setCreatedAt(now);
			root.setUpdatedAt(now);
			root = this.organisations.save(root);
			root.setPath("/" + root.getId() + "/");
			root = this.organisations.save(root);
		}
		else {
			root = this.organisations.findAll().iterator().next();
		}
		String chosen = this.properties.adminPassword();
		boolean generated = chosen == null || chosen.isBlank();
		String password = generated ? PasswordPolicy.generate(new SecureRandom(), 16) : chosen;
		if (!generated) {
			this.passwords.policy().check(password, ADMIN, p -> false).ifPresent(v -> {
				throw new IllegalStateException("OPSGUARD_ADMIN_PASSWORD does not meet the password policy ("
						+ this.messages.getMessage(v.error().detailKey(), v.args(), Locale.ENGLISH) + ")");
			});
		}
		UserAccount admin = new UserAccount();
		admin.username = ADMIN;
		admin.displayName = this.messages.getMessage("identity.admin.displayName", null, "admin", Locale.SIMPLIFIED_CHINESE);
		admin.organisationId = root.getId();
		admin.passwordHash = this.passwords.hash(password);
		admin.passwordChangedAt = now;
		admin.passwordChangeReason = generated ? PasswordChangeReason.GENERATED : null;
		admin.createdAt = now;
		admin.updatedAt = now;
		Set<Long> roleIds = EnumSet.of(BuiltInRole.SYSTEM_ADMIN, BuiltInRole.SECURITY_ADMIN, BuiltInRole.AUDITOR)
			.stream()
			.map(r -> this.roles.findByCode(r.name()).orElseThrow().id)
			.collect(Collectors.toSet());
		admin.assignRoles(roleIds);
		admin = this.users.save(admin);
		this.passwords.remember(admin.id, admin.passwordHash, now);
		if (generated) {
			Path file = writePasswordFile(password);
			log.warn("First start: generated the password of the administrator '{}' into {} (owner-only); "
					+ "it must be changed at the first sign-in", ADMIN, file.toAbsolutePath());
		}
		else {
			log.info("First start: administrator '{}' created with the password from OPSGUARD_ADMIN_PASSWORD", ADMIN);
		}
	}

	private Path writePasswordFile(String password) {
		try {
			Files.createDirectories(this.dataDir);
			Path file = this.dataDir.resolve(PASSWORD_FILE);
			Files.deleteIfExists(file);
			try {
				Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			}
			catch (UnsupportedOperationException ex) {
				Files.createFile(file);
			}
			Files.writeString(file, password + System.lineSeparator());
			return file;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot write the initial administrator password into " + this.dataDir, ex);
		}
	}

	/** Once the administrator has chosen a password, the generated one is of no use: delete it. */
	@EventListener
	public void on(MyAccount.PasswordChanged event) {
		this.users.findById(event.userId()).filter(u -> ADMIN.equals(u.username)).ifPresent(u -> {
			try {
				if (Files.deleteIfExists(this.dataDir.resolve(PASSWORD_FILE))) {
					log.info("The administrator changed the initial password; {} removed", PASSWORD_FILE);
				}
			}
			catch (IOException ex) {
				log.warn("Could not remove {}: {}", PASSWORD_FILE, ex.getMessage());
			}
		});
	}

}
