package io.opsguard;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * OpsGuard (运维保障平台): one deployable serving the REST API and the web UI.
 */
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
@EnableScheduling
public class OpsGuardApplication {

	public static void main(String[] args) {
		exitCleanlyWhenAskedToStop();
		SpringApplication.run(OpsGuardApplication.class, args);
	}

	/**
	 * Being asked to stop (Ctrl-C, {@code kill}, a service manager) is a normal end: the
	 * application shuts down gracefully and exits with status 0 rather than 130 or 143, so that
	 * {@code ./mvnw spring-boot:run} does not report a build failure when stopped.
	 */
	static void exitCleanlyWhenAskedToStop() {
		for (String name : new String[] { "INT", "TERM" }) {
			try {
				sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> System.exit(0));
			}
			catch (IllegalArgumentException | UnsupportedOperationException ex) {
				// the signal is not available on this platform: the JVM's default stays
			}
		}
	}

}
