package io.opsguard.monitoring.collect.jdbc;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JDBC drivers dropped into {@code <data-dir>/drivers/*.jar} (those not on Maven Central, or newer
 * versions): each new jar gets a class loader of its own, its drivers (found through
 * {@code META-INF/services/java.sql.Driver}, or by the class a template names) are registered with
 * DriverManager through a {@link DriverShim}. Read at the start and again whenever a URL finds no
 * driver, so a jar dropped in later works without a restart.
 */
final class DriverFolder {

	private static final Logger log = LoggerFactory.getLogger(DriverFolder.class);

	private final Path folder;

	private final Set<Path> loaded = new HashSet<>();

	private final List<ClassLoader> loaders = new ArrayList<>();

	private final Set<String> registered = new HashSet<>();

	DriverFolder(Path folder) {
		this.folder = folder;
	}

	Path folder() {
		return this.folder;
	}

	/** Loads the jars not loaded yet; answers whether there were any. */
	synchronized boolean refresh() {
		if (!Files.isDirectory(this.folder)) {
			return false;
		}
		List<Path> jars;
		try (Stream<Path> files = Files.list(this.folder)) {
			jars = files.filter(file -> file.getFileName().toString().endsWith(".jar") && !this.loaded.contains(file))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			log.warn("Cannot list the JDBC driver folder {}: {}", this.folder, ex.getMessage());
			return false;
		}
		for (Path jar : jars) {
			this.loaded.add(jar);
			try {
				URLClassLoader loader = new URLClassLoader(new URL[] { jar.toUri().toURL() },
						DriverFolder.class.getClassLoader());
				this.loaders.add(loader);
				for (Driver driver : ServiceLoader.load(Driver.class, loader)) {
					if (driver.getClass().getClassLoader() == loader) {
						register(driver, jar);
					}
				}
			}
			catch (MalformedURLException | ServiceConfigurationError ex) {
				log.warn("Cannot load JDBC drivers from {}: {}", jar, ex.getMessage());
			}
		}
		return !jars.isEmpty();
	}

	/** Loads and registers a driver class from the folder's jars, when a template names one. */
	synchronized boolean load(String className) {
		for (ClassLoader loader : this.loaders) {
			try {
				Class<?> type = Class.forName(className, true, loader);
				if (Driver.class.isAssignableFrom(type)) {
					register((Driver) type.getDeclaredConstructor().newInstance(), null);
					return true;
				}
			}
			catch (ReflectiveOperationException | LinkageError ex) {
				// not in this jar
			}
		}
		return false;
	}

	private void register(Driver driver, Path jar) {
		if (!this.registered.add(driver.getClass().getName() + "@" + System.identityHashCode(driver.getClass()))) {
			return;
		}
		try {
			DriverManager.registerDriver(new DriverShim(driver));
			log.info("JDBC driver {} {}.{} registered{}", driver.getClass().getName(), driver.getMajorVersion(),
					driver.getMinorVersion(), jar == null ? "" : " from " + jar.getFileName());
		}
		catch (SQLException ex) {
			log.warn("Cannot register the JDBC driver {}: {}", driver.getClass().getName(), ex.getMessage());
		}
	}

}
