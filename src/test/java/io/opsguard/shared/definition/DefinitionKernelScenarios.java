package io.opsguard.shared.definition;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.OpsGuardException.FieldProblem;
import io.opsguard.shared.PageResult;
import io.opsguard.shared.definition.Widgets.Widget;
import io.opsguard.shared.definition.Widgets.WidgetError;
import io.opsguard.support.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The kernel's rules on a real database, without Spring, with a kind of definition made for the
 * test ({@link Widgets}): on H2 ({@link VersionedDefinitionsTests}) and on PostgreSQL
 * ({@link DefinitionPersistencePostgresIT}).
 */
abstract class DefinitionKernelScenarios {

	static final long OURS = 10;

	static final long THEIRS = 20;

	/** A user who manages organisation 10 only. */
	static final Actor LOCAL = new Actor(7L, false, Set.of(OURS));

	/** A user with every organisation. */
	static final Actor CENTRAL = new Actor(1L, true, Set.of());

	final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T01:00:00Z"));

	Widgets type;

	Widgets.Audit audit;

	VersionedDefinitions<Widget> widgets;

	JdbcClient jdbc;

	abstract DataSource dataSource();

	@BeforeEach
	void freshTables() {
		this.jdbc = JdbcClient.create(dataSource());
		this.jdbc.sql("drop table if exists test_widget_version").update();
		this.jdbc.sql("drop table if exists test_widget").update();
		for (String statement : Widgets.TABLES.split(";")) {
			this.jdbc.sql(statement).update();
		}
		this.type = new Widgets();
		this.audit = new Widgets.Audit();
		this.widgets = new DefinitionKernel(this.jdbc, new ObjectMapper().findAndRegisterModules(), this.clock).of(this.type,
				this.audit, id -> id == OURS || id == THEIRS);
		this.widgets.synchronisePresets();
	}

	private static NewDefinition<Widget> fresh(String code, Long organisation, String basedOn, Widget content) {
		return new NewDefinition<>(code, "部件" + code, "Widget " + code, organisation, basedOn, content, null);
	}

	private static OpsGuardException refused(Runnable action) {
		return catchThrowableOfType(OpsGuardException.class, action::run);
	}

	private static List<String> fields(OpsGuardException ex) {
		return ex.fieldProblems().stream().map(FieldProblem::field).toList();
	}

	@Test
	void aDefinitionStartsBlankGivenOrAsACopyAtVersionOne() {
		DefinitionState<Widget> blank = this.widgets.create(LOCAL, fresh("w-blank", OURS, null, null));
		assertThat(blank.content()).isEqualTo(new Widget("white", 1));
		assertThat(blank.row().currentVersion()).isEqualTo(1);
		assertThat(blank.row().version()).isEqualTo(1);
		assertThat(blank.version().note()).isEqualTo("@created");
		assertThat(blank.version().createdBy()).isEqualTo(7L);
		assertThat(blank.version().derived().toString()).isEqualTo("[\"white\",\"2025\"]");

		DefinitionState<Widget> copy = this.widgets.create(LOCAL, fresh("w-copy", OURS, "std", null));
		assertThat(copy.content()).isEqualTo(new Widget("grey", 5));
		assertThat(copy.row().basedOn()).as("the base's code as stored").isEqualTo("STD");
		assertThat(copy.version().note()).isEqualTo("@copiedFrom|STD|标准部件|Standard widget");

		DefinitionState<Widget> adjusted = this.widgets.create(LOCAL, fresh("w-adjusted", OURS, "STD", new Widget(" red ", 7)));
		assertThat(adjusted.content()).as("validated and normalised").isEqualTo(new Widget("red", 7));
		assertThat(adjusted.row().basedOn()).isEqualTo("STD");
		assertThat(this.audit.actions).containsExactly("WIDGET_CREATED:w-blank", "WIDGET_CREATED:w-copy",
				"WIDGET_CREATED:w-adjusted");
	}

	@Test
	void aNewDefinitionIsRefusedNamingEveryBadField() {
		OpsGuardException everything = refused(() -> this.widgets.create(LOCAL, new NewDefinition<>("bad code!", " ", null,
				THEIRS, null, null, null)));
		assertThat(fields(everything)).containsExactly("code", "nameZh", "nameEn", "organisationId");
		for (String reserved : List.of("new", "Options", "holidays")) {
			assertThat(refused(() -> this.widgets.create(CENTRAL, fresh(reserved, null, null, null))).errorCode())
				.as(reserved).isEqualTo(WidgetError.BAD_CODE);
		}
		assertThat(refused(() -> this.widgets.create(LOCAL, fresh("w", null, null, null))).errorCode())
			.as("platform-wide needs every organisation").isEqualTo(WidgetError.SCOPE);
		assertThat(refused(() -> this.widgets.create(CENTRAL, fresh("w", 99L, null, null))).errorCode())
			.as("an organisation that does not exist").isEqualTo(WidgetError.SCOPE);
		assertThat(refused(() -> this.widgets.create(LOCAL, fresh("std", OURS, null, null))).errorCode())
			.as("codes are unique whatever their case").isEqualTo(WidgetError.TAKEN);
		assertThat(fields(refused(() -> this.widgets.create(LOCAL, fresh("w", OURS, null, new Widget("red", 11))))))
			.containsExactly("size");
		this.widgets.create(CENTRAL, fresh("w-theirs", THEIRS, null, null));
		assertThat(refused(() -> this.widgets.create(LOCAL, fresh("w", OURS, "w-theirs", null))).errorCode())
			.as("a base the user cannot see does not exist for them").isEqualTo(WidgetError.UNKNOWN);
		assertThat(this.widgets.find("w")).isEmpty();
	}

	@Test
	void anUpdateNeedsTheVersionItEditedAndWritesAVersionOnlyForANewContent() {
		this.widgets.create(LOCAL, fresh("w", OURS, null, new Widget("red", 2)));
		this.audit.actions.clear();

		OpsGuardException missing = refused(() -> this.widgets.update(LOCAL, "w",
				new DefinitionEdit<>("", "Widget", new Widget("blue", 2), null, null)));
		assertThat(fields(missing)).containsExactly("nameZh", "version");
		assertThat(missing.fieldProblems().get(1).errorCode()).isEqualTo(DefinitionError.VERSION_REQUIRED);

		// the same content and names: nothing changes, nothing is audited
		DefinitionState<Widget> same = this.widgets.update(LOCAL, "w", new DefinitionEdit<>("部件w", "Widget w", new Widget("red", 2), 1, null));
		assertThat(same.row().version()).isEqualTo(1);
		assertThat(this.audit.actions).isEmpty();

		// a new name only: the lock moves, no new version
		this.clock.advance(Duration.ofMinutes(5));
		DefinitionState<Widget> renamed = this.widgets.update(LOCAL, "w", new DefinitionEdit<>("部件乙", "Widget B", null, 1, null));
		assertThat(renamed.row().version()).isEqualTo(2);
		assertThat(renamed.row().currentVersion()).isEqualTo(1);
		assertThat(renamed.row().updatedAt()).isEqualTo(this.clock.instant());

		// the name was changed meanwhile: the edit of lock 1 is stale
		OpsGuardException stale = refused(() -> this.widgets.update(LOCAL, "w",
				new DefinitionEdit<>("部件乙", "Widget B", new Widget("blue", 3), 1, null)));
		assertThat(stale.errorCode()).isEqualTo(WidgetError.STALE);
		assertThat(stale.args()).containsExactly(1);

		DefinitionState<Widget> edited = this.widgets.update(LOCAL, "w",
				new DefinitionEdit<>("部件乙", "Widget B", new Widget("blue", 3), 2, "蓝色更醒目"));
		assertThat(edited.row().currentVersion()).isEqualTo(2);
		assertThat(edited.row().version()).isEqualTo(3);
		assertThat(edited.version().note()).isEqualTo("蓝色更醒目");
		assertThat(this.widgets.at("w", 1).orElseThrow().content()).as("the old version stays").isEqualTo(new Widget("red", 2));
		assertThat(this.widgets.at(LOCAL, "w", 2).content()).isEqualTo(new Widget("blue", 3));
		assertThat(refused(() -> this.widgets.at(LOCAL, "w", 3)).errorCode()).isEqualTo(WidgetError.NO_VERSION);
		assertThat(this.audit.actions).containsExactly("WIDGET_UPDATED:w", "WIDGET_UPDATED:w");

		PageResult<VersionInfo> versions = this.widgets.versions(LOCAL, "w", 0, 10);
		assertThat(versions.items()).extracting(VersionInfo::number).containsExactly(2, 1);
		assertThat(versions.items()).extracting(VersionInfo::current).containsExactly(true, false);
		assertThat(this.widgets.versions(LOCAL, "w", 1, 1).items()).extracting(VersionInfo::number).containsExactly(1);

		assertThat(fields(refused(() -> this.widgets.update(LOCAL, "w",
				new DefinitionEdit<>("部件乙", "Widget B", new Widget("blue", 0), 3, null))))).containsExactly("size");
		assertThat(refused(() -> this.widgets.update(CENTRAL, "STD",
				new DefinitionEdit<>("x", "x", null, 1, null))).errorCode()).isEqualTo(WidgetError.BUILT_IN);
	}

	@Test
	void usersSeeTheirOrganisationsAndPlatformWideDefinitionsAndManageOnlyTheirs() {
		this.widgets.create(LOCAL, fresh("w-ours", OURS, null, null));
		this.widgets.create(CENTRAL, fresh("w-theirs", THEIRS, null, null));
		this.widgets.create(CENTRAL, fresh("w-platform", null, null, null));

		assertThat(this.widgets.list(LOCAL, DefinitionFilter.none(), 0, 20, null).items()).extracting(DefinitionRow::code)
			.containsExactly("STD", "w-ours", "w-platform");
		assertThat(this.widgets.list(CENTRAL, DefinitionFilter.none(), 0, 20, null).total()).isEqualTo(4);
		assertThat(this.widgets.visible(LOCAL)).extracting(DefinitionRow::code).doesNotContain("w-theirs");
		assertThat(refused(() -> this.widgets.current(LOCAL, "w-theirs")).errorCode()).isEqualTo(WidgetError.UNKNOWN);
		assertThat(refused(() -> this.widgets.delete(LOCAL, "w-theirs")).errorCode()).isEqualTo(WidgetError.UNKNOWN);
		assertThat(refused(() -> this.widgets.update(LOCAL, "w-platform", new DefinitionEdit<>("x", "x", null, 1, null)))
			.errorCode()).as("platform-wide ones are read-only below the top").isEqualTo(WidgetError.UNKNOWN);
		assertThat(this.widgets.current(LOCAL, "W-PLATFORM").code()).isEqualTo("w-platform");

		// paging, search, filters and sorting happen in the database
		PageResult<DefinitionRow> page = this.widgets.list(CENTRAL, new DefinitionFilter("W-", null, null), 1, 2, "code,desc");
		assertThat(page.total()).isEqualTo(3);
		assertThat(page.items()).extracting(DefinitionRow::code).containsExactly("w-ours");
		assertThat(this.widgets.list(CENTRAL, new DefinitionFilter(null, false, null), 0, 20, "nameEn,asc").items())
			.extracting(DefinitionRow::code).containsExactly("w-ours", "w-platform", "w-theirs");
		assertThat(this.widgets.list(CENTRAL, new DefinitionFilter(null, null, Set.of("STD", "w-ours")), 0, 20, null).items())
			.extracting(DefinitionRow::code).containsExactly("STD", "w-ours");
		assertThat(this.widgets.list(CENTRAL, new DefinitionFilter("100%_", null, null), 0, 20, null).total())
			.as("like wildcards are searched as text").isZero();
		assertThat(fields(refused(() -> this.widgets.list(CENTRAL, DefinitionFilter.none(), 0, 20, "definition,asc"))))
			.containsExactly("sort");
	}

	@Test
	void aDefinitionInUseIsNotDeletedAndOneDeletedTakesItsVersionsAlong() {
		this.widgets.create(LOCAL, fresh("w", OURS, null, null));
		this.widgets.update(LOCAL, "w", new DefinitionEdit<>("部件w", "Widget w", new Widget("red", 4), 1, null));
		this.type.used.add("w");
		OpsGuardException inUse = refused(() -> this.widgets.delete(LOCAL, "w"));
		assertThat(inUse.errorCode()).isEqualTo(WidgetError.IN_USE);
		assertThat(inUse.args()[0]).isEqualTo("w");
		assertThat(inUse.args()[1]).isInstanceOf(Usage.class);
		assertThat(this.widgets.find("w")).isPresent();

		this.type.used.clear();
		this.widgets.delete(LOCAL, "w");
		assertThat(this.widgets.find("w")).isEmpty();
		assertThat(this.jdbc.sql("select count(*) from test_widget_version v where not exists "
				+ "(select 1 from test_widget w where w.id = v.definition_id)").query(Long.class).single()).isZero();
		assertThat(this.audit.actions).endsWith("WIDGET_DELETED:w");
		assertThat(this.widgets.create(LOCAL, fresh("w", OURS, null, null)).row().currentVersion())
			.as("the code is free again, and versions start afresh").isEqualTo(1);
	}

	@Test
	void presetsAreCreatedOnceAndFollowTheReleaseThatChangesThem() {
		DefinitionState<Widget> preset = this.widgets.current("STD").orElseThrow();
		assertThat(preset.row().builtIn()).isTrue();
		assertThat(preset.row().organisationId()).isNull();
		assertThat(preset.version().note()).isEqualTo("@builtIn");
		assertThat(preset.version().createdBy()).isNull();
		assertThat(this.widgets.synchronisePresets()).as("nothing changed: nothing to do").isEmpty();
		assertThat(this.audit.actions).as("first seeding is not a change").isEmpty();

		this.type.standardNameEn = "Standard part";
		assertThat(this.widgets.synchronisePresets()).containsExactly("STD");
		DefinitionState<Widget> renamed = this.widgets.current("STD").orElseThrow();
		assertThat(renamed.row().nameEn()).isEqualTo("Standard part");
		assertThat(renamed.row().currentVersion()).as("a new name is no new version").isEqualTo(1);

		this.type.standard = new Widget("grey", 6);
		assertThat(this.widgets.synchronisePresets()).containsExactly("STD");
		DefinitionState<Widget> changed = this.widgets.current("STD").orElseThrow();
		assertThat(changed.row().currentVersion()).isEqualTo(2);
		assertThat(changed.content()).isEqualTo(new Widget("grey", 6));
		assertThat(changed.version().note()).isEqualTo("@presetUpdated");
		assertThat(this.audit.actions).containsExactly("WIDGET_UPDATED:STD", "WIDGET_UPDATED:STD");
		assertThat(this.widgets.synchronisePresets()).isEmpty();
	}

	@Test
	void aDefinitionSomeoneMadeUnderAPresetsCodeIsLeftAlone() {
		this.jdbc.sql("delete from test_widget_version").update();
		this.jdbc.sql("delete from test_widget").update();
		this.widgets.create(CENTRAL, fresh("STD", null, null, new Widget("black", 9)));
		assertThat(this.widgets.synchronisePresets()).isEmpty();
		assertThat(this.widgets.current("STD").orElseThrow().content()).isEqualTo(new Widget("black", 9));
	}

	@Test
	void derivedDataThatChangesOutsideGivesTheAffectedDefinitionsANewVersion() {
		this.widgets.create(LOCAL, fresh("w-red", OURS, null, new Widget("red", 2)));
		this.widgets.create(LOCAL, fresh("w-blue", OURS, null, new Widget("blue", 2)));
		assertThat(this.widgets.rederive(w -> w.colour().equals("red"), "@schedule|2026", null)).as("nothing changed yet")
			.isEmpty();
		this.type.outside = "2026";
		assertThat(this.widgets.rederive(w -> w.colour().equals("red"), "@schedule|2026", null)).containsExactly("w-red");
		DefinitionState<Widget> red = this.widgets.current("w-red").orElseThrow();
		assertThat(red.row().currentVersion()).isEqualTo(2);
		assertThat(red.version().note()).isEqualTo("@schedule|2026");
		assertThat(red.version().derived().get(1).asText()).isEqualTo("2026");
		assertThat(this.widgets.at("w-red", 1).orElseThrow().version().derived().get(1).asText()).isEqualTo("2025");
		assertThat(this.widgets.current("w-blue").orElseThrow().row().currentVersion()).isEqualTo(1);
		assertThatThrownBy(() -> this.widgets.update(LOCAL, "w-red", new DefinitionEdit<>("x", "x", null, 1, null)))
			.as("an editor that read it before now holds a stale lock")
			.isInstanceOfSatisfying(OpsGuardException.class, ex -> assertThat(ex.errorCode()).isEqualTo(WidgetError.STALE));
	}

}
