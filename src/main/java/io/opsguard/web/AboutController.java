package io.opsguard.web;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

import javax.sql.DataSource;

import io.opsguard.shared.SelfService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What is running: version, build, Java, database. */
@RestController
@Tag(name = "system", description = "What is running: the product's version and build, Java and the database.")
class AboutController {

	private final About about;

	AboutController(ObjectProvider<BuildProperties> build, DataSource dataSource) {
		BuildProperties properties = build.getIfAvailable();
		String database;
		try (Connection connection = dataSource.getConnection()) {
			var meta = connection.getMetaData();
			database = meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
		}
		catch (SQLException ex) {
			database = "unknown";
		}
		this.about = new About("OpsGuard", properties == null ? "dev" : properties.getVersion(),
				properties == null ? null : properties.getTime(), System.getProperty("java.version"), database,
				Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()));
	}

	@GetMapping("/api/v1/system/about")
	@SelfService
	@Operation(summary = "About the running system",
			description = "Name, version and build time of OpsGuard, the Java version, the database product and "
				+ "version, and when the application started.")
	About about() {
		return this.about;
	}

	record About(String name, String version, Instant buildTime, String javaVersion, String database,
			Instant startedAt) {
	}

}
