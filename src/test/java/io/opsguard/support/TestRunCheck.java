package io.opsguard.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.platform.commons.annotation.Testable;

/**
 * Fails the build when a test class did not run (this class is the checker, run by Maven as a
 * program, and holds no tests itself): compares the classes in {@code target/test-classes}
 * that hold tests (any method carrying an annotation meta-annotated with JUnit Platform's
 * {@link Testable}: Jupiter's test, parameterized-test and test-factory annotations, jqwik's
 * property and example annotations…, declared or inherited) with the classes named in the reports surefire and failsafe
 * wrote during this build. Abstract classes and classes without tests never count.
 *
 * <p>Run by Maven after the integration tests ({@code post-integration-test}); arguments: the
 * test-classes directory, the surefire and failsafe report directories, then {@code key=value}
 * pairs: {@code since} (the build's start; older reports are ignored), {@code test},
 * {@code it.test} and {@code skipITs} (a selection of tests or skipped integration tests turns the
 * check off). See {@code docs/testing.md}.
 */
public final class TestRunCheck {

	private static final Pattern CLASS_NAME = Pattern.compile("<testcase\\b[^>]*\\bclassname=\"([^\"]+)\"");

	private static final Pattern SUITE_NAME = Pattern.compile("<testsuite\\b[^>]*\\bname=\"([^\"]+)\"");

	private TestRunCheck() {
	}

	public static void main(String[] args) {
		Map<String, String> options = new HashMap<>();
		for (int i = 3; i < args.length; i++) {
			int equals = args[i].indexOf('=');
			String value = args[i].substring(equals + 1);
			if (!value.isBlank() && !value.startsWith("${")) {
				options.put(args[i].substring(0, equals), value);
			}
		}
		if (options.containsKey("test") || options.containsKey("it.test")
				|| Boolean.parseBoolean(options.get("skipITs"))) {
			System.out.println("[test-run-check] skipped: only a selection of the tests ran");
			return;
		}
		Instant since = since(options.get("since"));
		Set<String> testClasses = testClasses(Path.of(args[0]), Thread.currentThread().getContextClassLoader());
		Set<String> executed = executedClasses(since, Path.of(args[1]), Path.of(args[2]));
		Set<String> notRun = notRun(testClasses, executed);
		if (!notRun.isEmpty()) {
			throw new IllegalStateException(notRun.size() + " test class(es) never ran: " + String.join(", ", notRun)
					+ ". Unit test classes are named *Tests (run by surefire), integration tests *IT (run by failsafe):"
					+ " rename them (docs/testing.md).");
		}
		System.out.println("[test-run-check] all " + testClasses.size() + " test classes ran");
	}

	/** The test classes that are missing from the executed ones; a nested class runs with its top-level class. */
	static Set<String> notRun(Set<String> testClasses, Set<String> executed) {
		Set<String> missing = new TreeSet<>();
		for (String name : testClasses) {
			String topLevel = name.contains("$") ? name.substring(0, name.indexOf('$')) : name;
			if (!executed.contains(name) && !executed.contains(topLevel)) {
				missing.add(name);
			}
		}
		return missing;
	}

	/** The concrete classes below {@code classesDir} that declare or inherit a test method. */
	static Set<String> testClasses(Path classesDir, ClassLoader loader) {
		Set<String> names = new TreeSet<>();
		if (!Files.isDirectory(classesDir)) {
			return names;
		}
		try (Stream<Path> files = Files.walk(classesDir)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
				String relative = classesDir.relativize(file).toString();
				String name = relative.substring(0, relative.length() - ".class".length()).replace(file.getFileSystem().getSeparator(), ".");
				if (name.endsWith("package-info") || name.endsWith("module-info")) {
					continue;
				}
				try {
					Class<?> type = Class.forName(name, false, loader);
					if (isTestClass(type)) {
						names.add(name);
					}
				}
				catch (ClassNotFoundException | LinkageError ex) {
					// not loadable without its optional dependencies: not a test JUnit could run either
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return names;
	}

	static boolean isTestClass(Class<?> type) {
		if (type.isInterface() || type.isAnnotation() || type.isEnum() || Modifier.isAbstract(type.getModifiers())
				|| type.isAnonymousClass() || type.isLocalClass() || type.isSynthetic()) {
			return false;
		}
		Deque<Class<?>> types = new ArrayDeque<>(List.of(type));
		Set<Class<?>> seen = new HashSet<>();
		while (!types.isEmpty()) {
			Class<?> current = types.pop();
			if (current == null || current == Object.class || !seen.add(current)) {
				continue;
			}
			for (Method method : current.getDeclaredMethods()) {
				for (Annotation annotation : method.getAnnotations()) {
					if (isTestable(annotation.annotationType(), new HashSet<>())) {
						return true;
					}
				}
			}
			if (current.getSuperclass() != null) {
				types.push(current.getSuperclass());
			}
			types.addAll(List.of(current.getInterfaces()));
		}
		return false;
	}

	private static boolean isTestable(Class<? extends Annotation> annotation, Set<Class<?>> seen) {
		if (annotation == Testable.class) {
			return true;
		}
		if (!seen.add(annotation) || annotation.getName().startsWith("java.lang.annotation.")) {
			return false;
		}
		for (Annotation meta : annotation.getAnnotations()) {
			if (isTestable(meta.annotationType(), seen)) {
				return true;
			}
		}
		return false;
	}

	/** The classes named by the XML reports written at or after {@code since}. */
	static Set<String> executedClasses(Instant since, Path... reportDirs) {
		Set<String> names = new HashSet<>();
		for (Path dir : reportDirs) {
			if (!Files.isDirectory(dir)) {
				continue;
			}
			try (Stream<Path> files = Files.list(dir)) {
				for (Path report : files.filter(TestRunCheck::isReport).toList()) {
					if (Files.getLastModifiedTime(report).toInstant().isBefore(since)) {
						continue;
					}
					String fileName = report.getFileName().toString();
					names.add(fileName.substring("TEST-".length(), fileName.length() - ".xml".length()));
					String xml = Files.readString(report, StandardCharsets.UTF_8);
					collect(SUITE_NAME.matcher(xml), names);
					collect(CLASS_NAME.matcher(xml), names);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return names;
	}

	private static boolean isReport(Path file) {
		String name = file.getFileName().toString();
		return name.startsWith("TEST-") && name.endsWith(".xml");
	}

	private static void collect(Matcher matcher, Set<String> names) {
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
	}

	private static Instant since(String text) {
		if (text == null) {
			return Instant.EPOCH;
		}
		try {
			// the build's start has a precision of one second, a report's time more
			return Instant.parse(text).minusSeconds(1);
		}
		catch (DateTimeParseException ex) {
			return Instant.EPOCH;
		}
	}

}
